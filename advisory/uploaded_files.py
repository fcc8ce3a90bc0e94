"""Opening files that outsiders send, safely: workbook containers and YAML, checked before parsing.

Shared by every intake (survey workbooks, peer reviews, self-assessments, findings, edits), so a
file is refused for the same reasons whichever channel it came through.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import yaml

from advisory.problems import Problem, UploadRejected

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100  # xlsx parts compress 5-20x; far more means a crafted archive
MAX_ENTRIES = 2_000
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and legacy .xls files


class FileRefused(Exception):
    """The whole file cannot be read; `code` names the reason (each intake words it for its readers)."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code, self.values = code, values
        super().__init__(code)


def check_workbook_container(data: bytes) -> None:
    """Refuse encrypted, corrupt and bomb-like archives before any XML is parsed."""
    if data.startswith(OLE2_SIGNATURE):
        raise FileRefused("encrypted_workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileRefused("corrupt_workbook") from exc
    with archive:
        entries = archive.infolist()
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise FileRefused("encrypted_workbook")
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= {entry.filename for entry in entries}:
        raise FileRefused("corrupt_workbook")
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(sum(entry.compress_size for entry in entries), 1)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * packed:
        raise FileRefused("zip_bomb", limit=MAX_UNPACKED_BYTES // (1024 * 1024))


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: nobody writes them by hand, and nested aliases
    ("billion laughs") turn a few hundred bytes into billions of values once validated."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted", event.start_mark)
        return super().compose_node(parent, index)


def load_uploaded_yaml(data: bytes, filename: str) -> Any:
    """The YAML document in an uploaded file (UTF-8, BOM allowed), or UploadRejected saying why not."""
    try:
        return yaml.load(data.decode("utf-8-sig"), Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except UnicodeDecodeError as exc:
        raise UploadRejected([Problem(file=filename, reason=f"not UTF-8 text: {exc.reason}")]) from exc
    except yaml.YAMLError as exc:
        raise UploadRejected([Problem(file=filename, reason=f"not valid YAML: {exc}")]) from exc
