"""Housing's history import (docs/import.md): moves into a home, naming the ready-to-leave declaration placement
imported by its source id. A dry run lists every bad row and why and changes nothing; a real run publishes the live
events of the offer, its acceptance and the move-in, marked `geimporteerd`, with the real moments; a re-run doubles
nothing; the API is for central access only."""

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from housing.adapters.orm import Aanbod, ImportRegel, Nazorgplan
from housing.bootstrap import subscription
from housing.import_history import import_lines
from housing.tests_support import PLACEMENT_SOURCE, outbox_events, ready_to_leave
from journey_platform.dutch_calendar import NL
from journey_platform.messaging.envelope import IMPORT_SOURCE, IMPORTED, new_event
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import log_rows

BRON = "ct-iv-2024"
CT = ("centrale-toegang", "CT-IJSSEL-VECHT")
HOME = {"aanbiederType": "woningcorporatie", "aanbieder": "woonstichting-voorbeeld", "type": "sociale-huur"}
MOVE = {
    "regelsoort": "verhuizing",
    "bronId": "H1",
    "uitstroomgereed": "R1",
    "woning": {**HOME, "gemeente": "GM0160", "wijk": "centrum", "huur": 640.0, "kamers": 2},
    "aangebodenOp": "2023-04-01",
    "geaccepteerdOp": "2023-04-03T10:00:00+02:00",
    "verhuisdOp": "2023-04-15",
}
BAD = [
    {**MOVE, "bronId": "X1", "uitstroomgereed": "R404"},
    {k: v for k, v in {**MOVE, "bronId": "X2"}.items() if k != "verhuisdOp"},
    {**MOVE, "bronId": "X3", "woning": {**MOVE["woning"], "huur": -1}},  # type: ignore[dict-item]  # a dict, spread
    {**MOVE, "bronId": "X4", "aangebodenOp": "2023-05-01"},  # offered after the move
    {**MOVE, "bronId": "X5", "regelsoort": "aanbod"},
]


async def _declared(housing: RunningService) -> None:
    """Placement's imported ready-to-leave declaration R1 (extensions geimporteerd, importbron): a candidate."""
    ready = ready_to_leave(verklaard_op=datetime(2023, 3, 1, 12, tzinfo=UTC))
    event = new_event(ready, PLACEMENT_SOURCE).with_extensions({IMPORTED: True, IMPORT_SOURCE: f"{BRON}/uitstroomgereed/R1"})
    async with housing.container.uow() as uow:
        await subscription(housing.container.extras["context"]).handlers[event.type](event, uow)
        await uow.commit()


async def _count(housing: RunningService, model: Any) -> int:
    async with housing.container.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_dry_run_lists_every_bad_row_and_changes_nothing(housing: RunningService) -> None:
    await _declared(housing)
    before = len(await outbox_events(housing))
    lines = [json.dumps(r) for r in [MOVE, *BAD]]
    result = await import_lines(housing.container, lines, dry_run=True, door="CT-IJSSEL-VECHT", bron=BRON)
    assert result.imported == {"verhuizing": 1}
    reasons = {r.bron_id: r.velden for r in result.refused}
    assert reasons == {
        "X1": ["uitstroomgereed"],  # no such declaration imported
        "X2": ["verhuisdOp"],  # required
        "X3": ["woning.huur"],
        "X4": ["aangebodenOp", "geaccepteerdOp", "verhuisdOp"],  # out of order
        "X5": ["regelsoort"],
    }
    assert await _count(housing, Aanbod) == 0 and await _count(housing, ImportRegel) == 1  # the consumer's key of R1
    assert [e for e in (await outbox_events(housing))[before:] if e.get("geimporteerd")] == []  # (the live watcher may flag
    # the candidate's three-month term meanwhile: not the import's)


async def test_a_real_run_publishes_the_live_events_once(housing: RunningService, auth: Any) -> None:
    await _declared(housing)
    before = len(await outbox_events(housing))
    first = await import_lines(housing.container, [json.dumps(MOVE)], dry_run=False, door="CT-IJSSEL-VECHT", bron=BRON)
    assert first.imported == {"verhuizing": 1} and first.refused == []
    # (the live watcher may flag the candidate's three-month term meanwhile: not the import's event)
    events = [e for e in (await outbox_events(housing))[before:] if e.get("importbron") == f"{BRON}/verhuizing/H1"]
    kinds = [e["type"].split(".")[-2] for e in events]
    assert kinds[:5] == ["woning-beschikbaar", "aanbod-gedaan", "aanbod-geaccepteerd", "verhuisd", "warme-overdracht-gestart"]
    assert all(e["geimporteerd"] is True for e in events)
    moved = next(e["data"] for e in events if e["type"].split(".")[-2] == "verhuisd")
    assert datetime.fromisoformat(moved["verhuisdOp"]) == datetime(2023, 4, 15, 12, tzinfo=NL)
    # housing's whole days elapsed: 12:00 UTC on 1-3 to 12:00 summer time (10:00 UTC) on 15-4-2023 is 44 days 22 hours
    assert moved["dagenSindsUitstroomgereed"] == 44
    # its twelve months of aftercare ended in April 2024, in the source system: no live plan, no overdue follow-ups
    assert "nazorgplan-opgesteld" not in kinds and await _count(housing, Nazorgplan) == 0

    again = await import_lines(housing.container, [json.dumps(MOVE)], dry_run=False, door="CT-IJSSEL-VECHT", bron=BRON)
    assert again.imported == {"verhuizing": 0} and again.skipped == 1
    assert [e for e in await outbox_events(housing) if e.get("importbron") == f"{BRON}/verhuizing/H1"] == events
    rows = await log_rows(housing, verwerkingsactiviteit="historie-importeren")
    assert rows and {r["actor"] for r in rows} == {"import:beheer"} and {r["route"] for r in rows} == {"housing.import_history"}

    # over the API: central access only; a row imported before is skipped there too
    body = {"bron": BRON, "regels": [MOVE]}
    assert (await housing.client.post("/v1/historie-importen", json=body, headers=auth("gemeente", "GM0193"))).status_code == 403
    answer = await housing.client.post("/v1/historie-importen?droogloop=true", json=body, headers=auth(*CT))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"droogloop": True, "geimporteerd": {"verhuizing": 0}, "alEerderGeimporteerd": 1, "geweigerd": []}
