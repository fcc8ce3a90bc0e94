"""Reference files read once per process: a cache keyed by the version (size, modification time) of the files.

Datasets, the reviewer pool and the tables derived from them do not change while the engine runs,
but an operator may replace a file between runs of a long-lived process (the portal, a worker):
the next call then reads the new version.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

R = TypeVar("R")


def files_version(path: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of the file, or of every file under the directory: changes when any does."""
    if not os.path.isdir(path):
        stat = os.stat(path)
        return ((str(path), stat.st_size, stat.st_mtime_ns),)
    found = []
    for root, folders, names in os.walk(path):
        folders[:] = sorted(f for f in folders if f != "__pycache__")  # compiled code is not reference data
        for name in names:
            stat = os.stat(os.path.join(root, name))
            found.append((os.path.join(root, name), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def reference_cache(function: Callable[..., R]) -> Callable[..., R]:
    """Cache `function(path, ...)` once per process and per version of the file or folder at `path`."""
    cached = lru_cache(maxsize=16)(lambda version, *args: function(*args))

    @wraps(function)
    def once(path: Path, *args):
        return cached(files_version(path), path, *args)

    once.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return once


def files_digest(path: Path) -> str:
    """sha256 over the names (relative to `path`) and contents of the file or of every file under the folder."""
    return _digest(files_version(path), str(path))


@lru_cache(maxsize=256)
def _digest(version: tuple[tuple[str, int, int], ...], root: str) -> str:
    # Keyed by the files' sizes and times, so each version of a file is read and hashed once per process.
    digest = hashlib.sha256()
    for name, _, _ in version:
        digest.update(os.path.relpath(name, root).encode() if name != root else os.path.basename(name).encode())
        with open(name, "rb") as handle:
            digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()
