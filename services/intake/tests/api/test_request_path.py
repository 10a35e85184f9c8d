"""What registering a report does on the database (issue 18: the request path keeps what must be in it): one
transaction holding the report, its outbox row and its processing-log row; one flush; no lookup that is always empty
for a new person; no statement outside that transaction. A repeat report of the same person does look up."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine.default import CacheStats  # type: ignore[attr-defined]  # not re-exported, defined there
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from journey_platform.testing.plugin import RunningService

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


async def test_a_new_persons_report_is_one_transaction_with_one_flush(intake: RunningService, auth: Any) -> None:
    headers = auth()
    other = {**REPORT, "persoon": {"achternaam": "Voorganger", "voornaam": "Wim", "geboortedatum": "1971-05-05"}}
    assert (await intake.client.post("/v1/meldingen", json=other, headers=headers)).status_code == 201  # compiles
    with database_work(intake.container.engine) as seen:
        response = await intake.client.post("/v1/meldingen", json=REPORT, headers=headers)
    assert response.status_code == 201, response.text
    built = [seen[i - 1][:80] for i, s in enumerate(seen) if s.startswith("compiled")]
    assert not built, built  # every statement from the cache, none built anew
    assert seen[0] == "BEGIN" and seen[-1] == "COMMIT" and seen.count("BEGIN") == 1, seen  # one transaction, nothing after
    assert seen.count("flush") == 1, seen
    selects = [s for s in seen if s.startswith("SELECT")]
    assert len(selects) == 1 and selects[0].startswith("SELECT personen.id"), seen  # the candidates, nothing else looked up
    inserts = [s.split()[2] for s in seen if s.startswith("INSERT INTO")]
    assert inserts[:4] == ["personen", "persoon_zoeksleutels", "trajecten", "meldingen"], seen  # foreign keys first
    assert "verwerkingen" in inserts, seen  # the processing-log row commits with the report
    # The event in the outbox, numbered 1 in its new journey, whose counter row is written with it (one statement).
    outbox = [s for s in seen if "INSERT INTO outbox" in s]
    assert len(outbox) == 1 and "INSERT INTO journey_sequences" in outbox[0], seen
    assert not any(s.startswith("INSERT INTO journey_sequences") for s in seen), seen


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
