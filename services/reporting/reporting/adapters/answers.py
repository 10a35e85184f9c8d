"""The indicator answer store's statements (service_layer/stored_answers.py says what it keeps and why).

An answer is kept with the attribution values it depends on (`indicator_antwoord_bronnen`); an event projected
about a journey whose client's journeys name one of them removes it, from the event's day on, in the projection's
own transaction. Each value has a generation (`indicator_generaties`), raised by that same transaction: an answer is
stored only if the generations of everything it depends on are still what they were before its facts were read,
so an answer computed while an event came in is not kept. On PostgreSQL the store holds the generations' rows
(FOR SHARE) while it writes, and the projection raises them before it deletes: whichever comes second sees the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Date, String, Text, and_, bindparam, delete, false, func, literal, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.db import UTCDateTime, among
from reporting.adapters.orm import IndicatorAntwoord, IndicatorAntwoordBron, IndicatorGeneratie

Key = tuple[str, str]  # (soort, waarde) as in traject_attributies, or EVERYTHING
# One transaction-level advisory lock on PostgreSQL: a projection's removal holds it exclusively from before it reads
# which values its events touch until it commits; keeping an answer holds it shared while it checks the generations.
_LOCK_KEY = 0x616E74776F6F7264  # "antwoord"
EVERYTHING: Key = ("alles", "*")
_CHUNK = 400  # keys or answers per statement (SQLite's bound-parameter limit)


def _dialect(session: AsyncSession) -> Any:
    return postgresql if session.get_bind().dialect.name == "postgresql" else sqlite


def _keys_in(table: Any, keys: Sequence[Key]) -> ColumnElement[bool]:
    if not keys:
        return false()
    return or_(*(and_(table.soort == soort, table.waarde == waarde) for soort, waarde in keys))


async def exclusively(session: AsyncSession) -> None:
    """Before a projection reads the values its events touch: no other projection's removal runs meanwhile, so it
    sees every journey committed before it (another consumer may have opened a journey of the same client), and the
    generations' rows are raised one transaction at a time (no deadlock between two orders of taking them)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(select(func.pg_advisory_xact_lock(_LOCK_KEY)))


async def _shared(session: AsyncSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(select(func.pg_advisory_xact_lock_shared(_LOCK_KEY)))


async def lookup(session: AsyncSession, sleutel: str) -> str | None:
    found: str | None = await session.scalar(select(IndicatorAntwoord.antwoord).where(IndicatorAntwoord.sleutel == sleutel))
    return found


async def generations(session: AsyncSession, keys: Sequence[Key]) -> int:
    """The sum of the keys' generations, each given a row first (from 0): every one only ever grows, so an unchanged
    sum means unchanged generations."""
    total = 0
    for start in range(0, len(keys), _CHUNK):
        chunk = sorted(keys[start : start + _CHUNK])
        rows = [{"soort": s, "waarde": w, "generatie": 0} for s, w in chunk]
        await session.execute(_dialect(session).insert(IndicatorGeneratie).values(rows).on_conflict_do_nothing())
        total += (
            await session.scalar(
                select(func.coalesce(func.sum(IndicatorGeneratie.generatie), 0)).where(_keys_in(IndicatorGeneratie, chunk))
            )
            or 0
        )
    return total


async def store(
    session: AsyncSession, sleutel: str, fields: dict[str, Any], antwoord: str, keys: Sequence[Key], expected: int
) -> bool:
    """Keep the answer if the generations of `keys` still sum to `expected`; False when one was raised meanwhile.
    Waits for a projection's removal in progress (`exclusively`), which then waits for this one to commit."""
    await _shared(session)
    held = select(IndicatorGeneratie.generatie).where(_keys_in(IndicatorGeneratie, keys)).subquery("held")
    current = select(func.coalesce(func.sum(held.c.generatie), 0)).scalar_subquery()
    values: dict[str, ColumnElement[Any]] = {
        "sleutel": literal(sleutel, String),
        "code": literal(fields["code"], String),
        "regio": literal(fields["regio"], String),
        "gemeente": literal(fields["gemeente"], String),
        "van": literal(fields["van"], Date),
        "tot": literal(fields["tot"], Date),
        "peildatum": literal(fields["peildatum"], Date),
        "antwoord": literal(antwoord, Text),
        "berekend_op": literal(fields["berekend_op"], UTCDateTime),
    }
    chosen = select(*(v.label(k) for k, v in values.items())).where(current == expected)
    statement = _dialect(session).insert(IndicatorAntwoord).from_select(list(values), chosen).on_conflict_do_nothing()
    result = await session.execute(statement.returning(IndicatorAntwoord.sleutel))
    if result.scalar() is None:
        return False
    rows = [{"sleutel": sleutel, "soort": s, "waarde": w} for s, w in sorted(set(keys))]
    await session.execute(_dialect(session).insert(IndicatorAntwoordBron).values(rows).on_conflict_do_nothing())
    return True


async def invalidate(session: AsyncSession, keys: Iterable[Key], from_day: date, *, locked: bool = False) -> int:
    """Raise the keys' generations, then remove the answers that depend on one of them for a reference date on or
    after `from_day` (with EVERYTHING among the keys: every answer from that day). The number removed. `locked`:
    the caller took `exclusively` already in this transaction (the projection, before it read the keys)."""
    ordered = sorted(set(keys))
    if not ordered:
        return 0
    if not locked:
        await exclusively(session)
    dialect = _dialect(session)
    if dialect is postgresql:
        return await _invalidate_on_postgresql(session, ordered, from_day)
    for start in range(0, len(ordered), _CHUNK):
        rows = [{"soort": s, "waarde": w, "generatie": 1} for s, w in ordered[start : start + _CHUNK]]
        upsert = dialect.insert(IndicatorGeneratie).values(rows)
        await session.execute(
            upsert.on_conflict_do_update(index_elements=["soort", "waarde"], set_={"generatie": IndicatorGeneratie.generatie + 1})
        )
    if EVERYTHING in ordered:
        gone = await session.scalars(
            delete(IndicatorAntwoord)
            .where(IndicatorAntwoord.peildatum >= from_day)
            .returning(IndicatorAntwoord.sleutel)
            .execution_options(synchronize_session=False)
        )
        return await _forget(session, list(gone))
    removed: list[str] = []
    for start in range(0, len(ordered), _CHUNK):
        depending = select(IndicatorAntwoordBron.sleutel).where(_keys_in(IndicatorAntwoordBron, ordered[start : start + _CHUNK]))
        gone = await session.scalars(
            delete(IndicatorAntwoord)
            .where(IndicatorAntwoord.peildatum >= from_day, IndicatorAntwoord.sleutel.in_(depending))
            .returning(IndicatorAntwoord.sleutel)
            .execution_options(synchronize_session=False)
        )
        removed.extend(gone)
    return await _forget(session, removed)


async def _invalidate_on_postgresql(session: AsyncSession, ordered: list[Key], from_day: date) -> int:
    """As `invalidate`, with the keys as two array parameters: each statement has one text whatever the number of
    keys (prepared once, not parsed and planned again with an OR of hundreds of terms for every batch)."""
    named = (
        func.unnest(
            bindparam(None, [s for s, _ in ordered], type_=ARRAY(String)),
            bindparam(None, [w for _, w in ordered], type_=ARRAY(String)),
        )
        .table_valued("soort", "waarde")
        .render_derived(name="sleutels")
    )
    raised = postgresql.insert(IndicatorGeneratie).from_select(
        ["soort", "waarde", "generatie"], select(named.c.soort, named.c.waarde, literal(1, BigInteger))
    )
    await session.execute(
        raised.on_conflict_do_update(index_elements=["soort", "waarde"], set_={"generatie": IndicatorGeneratie.generatie + 1})
    )
    removing = delete(IndicatorAntwoord).where(IndicatorAntwoord.peildatum >= from_day)
    if EVERYTHING not in ordered:
        bron = IndicatorAntwoordBron
        depending = select(bron.sleutel).join(named, and_(bron.soort == named.c.soort, bron.waarde == named.c.waarde))
        removing = removing.where(IndicatorAntwoord.sleutel.in_(depending))
    gone = await session.scalars(removing.returning(IndicatorAntwoord.sleutel).execution_options(synchronize_session=False))
    return await _forget(session, list(gone))


async def prune(session: AsyncSession, older_than: datetime) -> int:
    """Remove the answers computed before `older_than` (asked again, they are computed again)."""
    gone = await session.scalars(
        delete(IndicatorAntwoord)
        .where(IndicatorAntwoord.berekend_op < older_than)
        .returning(IndicatorAntwoord.sleutel)
        .execution_options(synchronize_session=False)
    )
    return await _forget(session, list(gone))


async def _forget(session: AsyncSession, sleutels: list[str]) -> int:
    dialect = session.get_bind().dialect.name
    step = max(len(sleutels), 1) if dialect == "postgresql" else _CHUNK  # one array parameter there
    for start in range(0, len(sleutels), step):
        chunk = sleutels[start : start + step]
        await session.execute(
            delete(IndicatorAntwoordBron)
            .where(among(IndicatorAntwoordBron.sleutel, chunk, dialect))
            .execution_options(synchronize_session=False)
        )
    return len(sleutels)


def stored_fields(code: str | None, regio: str | None, gemeente: str | None, window: Any, now: datetime) -> dict[str, Any]:
    return {
        "code": code or "",
        "regio": regio,
        "gemeente": gemeente,
        "van": window.van,
        "tot": window.tot,
        "peildatum": window.peildatum,
        "berekend_op": now,
    }
