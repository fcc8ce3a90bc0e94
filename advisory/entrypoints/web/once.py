"""Portal forms handled once: every form carries a fresh idempotency key; a repeated post gets the first result.

A double click sends one form twice at the same moment. The first post with a key claims it (the key
is unique in the form_post table), is handled, and leaves its result there; a repeat of the same form
by the same person waits for that result and is answered with it (the same receipt, the same page), so
nothing is done twice and the person sees what their first post did. A post whose content differs
from the first one with its key (a page the browser restored, then changed) is handled as a new post.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.concurrency import run_in_threadpool

from advisory.entrypoints.web.deps import Portal, Visitor
from advisory.services.project import Project

FORM_KEY = "form_key"
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
WAIT_SECONDS = 60.0

Result = dict[str, Any]


def fingerprint(fields: Iterable[tuple[str, Any]], *content: bytes) -> str:
    """What a post says, without its tokens: equal for a repeat of the same form with the same answers."""
    digest = hashlib.sha256()
    for name, value in sorted((str(n), str(v)) for n, v in fields if n not in ("csrf", FORM_KEY)):
        digest.update(f"{len(name)}:{name}={len(value)}:{value};".encode())
    for part in content:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


async def handled_once(
    the_portal: Portal,
    person: Visitor,
    key: str | None,
    action: str,
    said: str,
    handle: Callable[[], Awaitable[Result]],
) -> Result:
    """`handle()` for the first post with `key`; a repeat (same person, same content) gets the first's result."""
    if not key or not _KEY.match(key):
        return await handle()
    project = the_portal.project
    earlier = await run_in_threadpool(_claim, project, key, person.grant.token_id, action, said)
    if earlier is not None:
        token_id, earlier_said = earlier
        if token_id == person.grant.token_id and earlier_said == said:
            first = await _first_result(project, key)
            if first is not None:
                return first
        return await handle()
    try:
        result = await handle()
    except BaseException:
        await run_in_threadpool(_forget, project, key)  # nothing was done: a repeat is handled afresh
        raise
    await run_in_threadpool(_finish, project, key, result)
    return result


def _claim(project: Project, key: str, token_id: int, action: str, said: str) -> tuple[int, str] | None:
    with project.unit_of_work(immediate=True) as uow:
        earlier = uow.form_posts.claim(key, token_id, action, said)
        uow.commit()
        return None if earlier is None else (earlier.token_id, earlier.fingerprint)


async def _first_result(project: Project, key: str) -> Result | None:
    """The first post's result once it is there; None when the first post failed (and let its key go)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found, result = await run_in_threadpool(_result, project, key)
        if not found or result is not None:
            return result
        await asyncio.sleep(0.05)
    return {"refused": "This form is still being handled; please reload the page in a moment."}


def _result(project: Project, key: str) -> tuple[bool, Result | None]:
    with project.unit_of_work() as uow:
        earlier = uow.form_posts.earlier(key)
        return earlier is not None, None if earlier is None else earlier.result


def _finish(project: Project, key: str, result: Result) -> None:
    with project.unit_of_work() as uow:
        uow.form_posts.finish(key, result)
        uow.commit()


def _forget(project: Project, key: str) -> None:
    with project.unit_of_work() as uow:
        uow.form_posts.forget(key)
        uow.commit()
