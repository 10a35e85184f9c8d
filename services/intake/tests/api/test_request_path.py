"""What registering a report does on the database (issue 18: the request path keeps what must be in it): one
transaction holding the report, its outbox row and its processing-log row, written in one statement; no lookup that
is always empty for a new person; no statement outside that transaction. A repeat report of the same person does look up."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.engine.default import CacheStats  # type: ignore[attr-defined]  # not re-exported, defined there
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import log_rows

PERSON = {"achternaam": "Padvinder", "voornaam": "Pim", "geboortedatum": "1980-01-01"}
REPORT = {"melderType": "politie", "situatie": "dakloos", "gemeenteMelding": "GM0193", "persoon": PERSON}


@contextmanager
def database_work(engine: AsyncEngine) -> Iterator[list[str]]:
    """Every statement (its words, one space apart), BEGIN, COMMIT and each ORM flush, in order."""
    seen: list[str] = []

    def statement(conn: Any, cursor: Any, text: str, params: Any, context: Any, executemany: bool) -> None:
        seen.append(" ".join(text.split()))
        if context.cache_hit is not CacheStats.CACHE_HIT:
            seen.append(f"compiled: {context.cache_hit.name}")

    def begin(conn: Any) -> None:
        seen.append("BEGIN")

    def commit(conn: Any) -> None:
        seen.append("COMMIT")

    def flushed(session: Session, context: Any) -> None:
        seen.append("flush")

    listeners: list[tuple[Any, str, Callable[..., None]]] = [
        (engine.sync_engine, "before_cursor_execute", statement),
        (engine.sync_engine, "begin", begin),
        (engine.sync_engine, "commit", commit),
        (Session, "after_flush", flushed),
    ]
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        yield seen
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)


async def test_a_new_persons_report_is_one_transaction_with_one_insert(intake: RunningService, auth: Any) -> None:
    headers = auth()
    other = {**REPORT, "persoon": {"achternaam": "Voorganger", "voornaam": "Wim", "geboortedatum": "1971-05-05"}}
    assert (await intake.client.post("/v1/meldingen", json=other, headers=headers)).status_code == 201  # compiles
    with database_work(intake.container.engine) as seen:
        response = await intake.client.post("/v1/meldingen", json=REPORT, headers=headers)
    assert response.status_code == 201, response.text
    built = [seen[i - 1][:80] for i, s in enumerate(seen) if s.startswith("compiled")]
    assert not built, built  # every statement from the cache, none built anew
    assert seen[0] == "BEGIN" and seen[-1] == "COMMIT" and seen.count("BEGIN") == 1, seen  # one transaction, nothing after
    assert "flush" not in seen, seen  # the rows go straight into one statement (journey_platform/messaging/one_statement.py)
    assert len(seen) == 4 and seen[1].startswith("SELECT personen.id"), seen  # the candidates, nothing else looked up
    # The report's rows, its event in the outbox (numbered 1 in its new journey, whose counter row is written with it)
    # and the processing-log row: one statement, one round trip.
    written = [part.split()[0] for part in seen[2].split("INSERT INTO ")[1:]]
    assert list(dict.fromkeys(written))[:4] == ["personen", "persoon_zoeksleutels", "trajecten", "meldingen"], seen
    assert {"outbox", "journey_sequences", "verwerkingen"} <= set(written), seen
    assert written.count("outbox") == 1 and written.count("verwerkingen") == 1, seen


async def test_a_repeat_report_looks_up_the_persons_episode_and_earlier_report(intake: RunningService, auth: Any) -> None:
    headers = auth()
    first = await intake.client.post("/v1/meldingen", json=REPORT, headers=headers)
    with database_work(intake.container.engine) as seen:
        again = await intake.client.post("/v1/meldingen", json=REPORT, headers=headers)
    assert again.status_code == 201, again.text
    assert again.json()["trajectId"] == first.json()["trajectId"] and again.json()["herhaalmelding"] is True
    assert seen.count("BEGIN") == 1 and seen[-1] == "COMMIT", seen
    selects = [s for s in seen if s.startswith("SELECT")]
    assert any("FROM trajecten" in s for s in selects) and any("FROM meldingen" in s for s in selects), seen
    assert any("ON CONFLICT" in s for s in seen if s.startswith("INSERT INTO journey_sequences")), seen  # raised


@contextmanager
def transactions_begun(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each BEGIN that reaches PostgreSQL (SQLAlchemy's own `begin` event fires without one, in autocommit too)."""
    begun: list[str] = []
    start = AsyncAdapt_asyncpg_connection._start_transaction

    async def counted(self: AsyncAdapt_asyncpg_connection) -> None:
        if self.isolation_level != "autocommit":
            begun.append("BEGIN")
        await start(self)  # type: ignore[no-untyped-call]  # SQLAlchemy's asyncpg adapter has no annotations

    with monkeypatch.context() as patch:
        patch.setattr(AsyncAdapt_asyncpg_connection, "_start_transaction", counted)
        yield begun


async def test_a_new_persons_report_is_written_without_a_begin_round_trip(
    intake: RunningService, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person lookup reads and the one INSERT is all the report writes: each runs on its own, atomic by itself
    (no BEGIN, no COMMIT). A repeat report locks the person's episode: its statements after the lookup run in one
    transaction."""
    headers = auth()
    other = {**REPORT, "persoon": {"achternaam": "Voorganger", "voornaam": "Wim", "geboortedatum": "1971-05-05"}}
    assert (await intake.client.post("/v1/meldingen", json=other, headers=headers)).status_code == 201  # connects
    with transactions_begun(monkeypatch) as begun:
        first = await intake.client.post("/v1/meldingen", json=REPORT, headers=headers)
    assert first.status_code == 201 and begun == [], (first.text, begun)
    with transactions_begun(monkeypatch) as begun:
        again = await intake.client.post("/v1/meldingen", json=REPORT, headers=headers)
    assert again.status_code == 201 and again.json()["herhaalmelding"] is True and begun == ["BEGIN"], begun
    rows = await log_rows(intake, handeling="aanmaken")
    assert len(rows) == 3 and {r["verwerkingsactiviteit"] for r in rows} == {"melding-registreren"}  # with each report


async def test_a_report_opens_one_session_the_processing_log_needs_no_other(intake: RunningService, auth: Any) -> None:
    """The report's log row commits in its unit of work; the processing-log middleware, with nothing left to write,
    opens no session of its own."""
    headers = auth()
    opened: list[Session] = []

    def transaction_created(session: Session, transaction: Any) -> None:
        if transaction.parent is None:
            opened.append(session)

    event.listen(Session, "after_transaction_create", transaction_created)
    try:
        response = await intake.client.post("/v1/meldingen", json=REPORT, headers=headers)
    finally:
        event.remove(Session, "after_transaction_create", transaction_created)
    assert response.status_code == 201, response.text
    assert len(set(map(id, opened))) == 1, opened
    assert len(await log_rows(intake, handeling="aanmaken")) == 1
