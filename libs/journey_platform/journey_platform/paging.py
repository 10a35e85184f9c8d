"""One page of a list query, counted: the service layer asks for a page, and the total of all matches reaches the
response's `X-Total-Count` and `last` link (journey_platform.web.navigation) without passing through every
signature in between.

The navigation middleware opens a tally for each list request (`tally()`); `page_of` counts the query's matches
into it. Framework-free, so service layers use it; outside a request (a CLI, a test calling the service layer) the
count is simply not kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession


@dataclass
class Tally:
    total: int | None = None


_current: ContextVar[Tally | None] = ContextVar("list_tally", default=None)


@contextmanager
def tally() -> Iterator[Tally]:
    """The request's tally: a mutable box, so a list counted in a child task still reaches it."""
    box = Tally()
    token = _current.set(box)
    try:
        yield box
    finally:
        _current.reset(token)


async def count(session: AsyncSession, query: Select[Any]) -> int:
    return int(await session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)


def tell_total(total: int) -> None:
    """For a list filtered or ordered in Python: the total of all matches, counted by the caller."""
    box = _current.get()
    if box is not None:
        box.total = total


async def page_of(session: AsyncSession, query: Select[Any], page: int, size: int) -> Sequence[Any]:
    """The page's entities (the query's first column), the total of all matches told to the request's tally."""
    box = _current.get()
    if box is not None:
        box.total = await count(session, query)
    return list(await session.scalars(query.offset((page - 1) * size).limit(size)))


async def rows_of(session: AsyncSession, query: Select[Any], page: int, size: int) -> Sequence[Any]:
    """As `page_of`, for a query of several columns: the page's rows."""
    box = _current.get()
    if box is not None:
        box.total = await count(session, query)
    rows: Sequence[Any] = (await session.execute(query.offset((page - 1) * size).limit(size))).all()
    return rows
