"""Importing the synthetic history export (docs/import/, docs/import.md) through the real import paths: intake's
import, placement's consumer of intake's events, placement's import, and reporting's projection of both services'
events. Without a broker: each service's outbox is read and delivered to the next service's consumer handlers as
the consumer would (one unit of work per event); tests/e2e/test_history_import.py does the same over the broker."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from intake.import_history import import_lines as import_intake
from journey_platform.history_import import Report
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.testing.plugin import RunningService
from placement.bootstrap import subscription
from placement.import_history import import_lines as import_placement
from placement.reference_facilities import NAMESPACE, read_reference_facilities
from placement.service_layer.facilities import add_facility
from reporting.tests_support import feed

EXPORT = Path(__file__).resolve().parents[2] / "docs" / "import"
DOORS = {"midden-ijssel": "CT-MIDDEN-IJSSEL", "ijssel-vecht": "CT-IJSSEL-VECHT"}


def facility_id(code: str) -> str:
    """A reference facility's id, derived from its code (placement.reference_facilities)."""
    return str(uuid.uuid5(NAMESPACE, code))


def export_lines(region: str, service: str) -> list[str]:
    return (EXPORT / f"historie-{region}.{service}.jsonl").read_text(encoding="utf-8").splitlines()


async def load_facilities(placement: RunningService) -> None:
    """The reference facilities and the export's own (docs/import/voorzieningen.yaml), as `make run` loads them."""
    ctx = placement.container.extras["context"]
    async with placement.container.uow() as uow:
        for path in (None, EXPORT / "voorzieningen.yaml"):
            for facility in read_reference_facilities(path).facilities:
                add_facility(uow, ctx, facility.id, facility)
        await uow.commit()


async def outbox(service: RunningService, after: int = 0) -> list[tuple[int, CloudEvent]]:
    table = service.container.tables.outbox
    async with service.container.engine.connect() as conn:
        rows = (await conn.execute(select(table.c.seq, table.c.payload).where(table.c.seq > after).order_by(table.c.seq))).all()
    return [(seq, CloudEvent.model_validate(json.loads(payload))) for seq, payload in rows]


async def deliver_to_placement(placement: RunningService, events: list[CloudEvent]) -> None:
    """Placement's consumer (its real subscription handlers, importbron included) for each of intake's events."""
    handlers = subscription(placement.container.extras["context"]).handlers
    for event in events:
        handler = handlers.get(event.type)
        if handler is None:
            continue
        async with placement.container.uow() as uow:
            await handler(event, uow)
            await uow.commit()


@dataclass
class Imported:
    intake: dict[str, Report]
    placement: dict[str, Report]
    events: list[CloudEvent]


async def import_export(
    intake: RunningService,
    placement: RunningService,
    reporting: RunningService | None,
    lines: dict[str, dict[str, list[str]]],
    bron: str = "ct-historie",
) -> Imported:
    """Imports each region's intake rows, delivers them to placement, imports its placement rows; feeds reporting."""
    reports = Imported({}, {}, [])
    intake_seq = placement_seq = 0
    for region, files in lines.items():
        door = DOORS[region]
        reports.intake[region] = await import_intake(intake.container, files["intake"], dry_run=False, door=door, bron=bron)
        new = await outbox(intake, intake_seq)
        intake_seq = new[-1][0] if new else intake_seq
        await deliver_to_placement(placement, [e for _, e in new])
        reports.events += [e for _, e in new]
        reports.placement[region] = await import_placement(
            placement.container, files["placement"], dry_run=False, door=door, bron=bron
        )
    placed = await outbox(placement, placement_seq)
    reports.events += [e for _, e in placed]
    if reporting is not None:
        await feed(reporting.container, reports.events)
    return reports


def peildatum(day: str) -> dict[str, Any]:
    return {"regio": "midden-ijssel", "peildatum": day}


def now() -> datetime:
    return datetime.now(UTC)
