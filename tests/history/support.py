"""Importing the synthetic history export (docs/import/, docs/import.md) through the real import paths: intake's
import, placement's consumer of intake's events, placement's import, housing's consumer of placement's events,
housing's import, placement's consumer of housing's moves, and reporting's projection of every service's events. Without a broker: each service's outbox is read and delivered to the next service's consumer handlers as
the consumer would (one unit of work per event); tests/e2e/test_history_import.py does the same over the broker."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from housing.bootstrap import subscription as housing_subscription
from housing.import_history import import_lines as import_housing
from intake.import_history import import_lines as import_intake
from journey_platform.history_import import Report
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.testing.plugin import RunningService
from placement.adapters.unit_of_work import unit_of_work
from placement.bootstrap import subscription as placement_subscription
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
    async with unit_of_work(placement.container) as uow:
        for path in (None, EXPORT / "voorzieningen.yaml"):
            for facility in read_reference_facilities(path).facilities:
                add_facility(uow, ctx, facility.id, facility)
        await uow.commit()


async def outbox(service: RunningService, after: int = 0) -> list[tuple[int, CloudEvent]]:
    table = service.container.tables.outbox
    async with service.container.engine.connect() as conn:
        rows = (await conn.execute(select(table.c.seq, table.c.payload).where(table.c.seq > after).order_by(table.c.seq))).all()
    return [(seq, CloudEvent.model_validate(json.loads(payload))) for seq, payload in rows]


async def deliver(service: RunningService, handlers: Mapping[str, Any], events: list[CloudEvent]) -> None:
    """A service's consumer (its real subscription handlers, importbron included) for each event it follows."""
    for event in events:
        handler = handlers.get(event.type)
        if handler is None:
            continue
        async with service.container.uow() as uow:
            await handler(event, uow)
            await uow.commit()


@dataclass
class Chain:
    """intake → placement → housing → placement, each service's outbox read from where it was last read."""

    intake: RunningService
    placement: RunningService
    housing: RunningService
    seen: dict[str, int]
    events: list[CloudEvent]

    async def new(self, service: RunningService) -> list[CloudEvent]:
        rows = await outbox(service, self.seen.get(service.name, 0))
        if rows:
            self.seen[service.name] = rows[-1][0]
        events = [e for _, e in rows]
        self.events += events
        return events

    async def flow(self) -> None:
        """Delivers every new event to the services that follow it until none is left."""
        placement = placement_subscription(self.placement.container.extras["context"]).handlers
        housing = housing_subscription(self.housing.container.extras["context"]).handlers
        while True:
            from_intake = await self.new(self.intake)
            from_placement = await self.new(self.placement)
            from_housing = await self.new(self.housing)
            if not (from_intake or from_placement or from_housing):
                return
            await deliver(self.placement, placement, from_intake + from_housing)
            await deliver(self.housing, housing, from_intake + from_placement)


@dataclass
class Imported:
    intake: dict[str, Report]
    placement: dict[str, Report]
    housing: dict[str, Report]
    events: list[CloudEvent]


async def import_export(
    intake: RunningService,
    placement: RunningService,
    housing: RunningService,
    reporting: RunningService | None,
    lines: dict[str, dict[str, list[str]]],
    bron: str = "ct-historie",
) -> Imported:
    """Imports each region's intake, placement and housing rows, each once the service before it has consumed the
    events of the step before; feeds every event to reporting."""
    chain = Chain(intake, placement, housing, {}, [])
    await chain.new(placement)  # the facilities loaded beforehand: reporting gets them, nobody else follows them
    result = Imported({}, {}, {}, [])
    for region, files in lines.items():
        options = {"dry_run": False, "door": DOORS[region], "bron": bron}
        result.intake[region] = await import_intake(intake.container, files["intake"], **options)
        await chain.flow()
        result.placement[region] = await import_placement(placement.container, files["placement"], **options)
        await chain.flow()
        result.housing[region] = await import_housing(housing.container, files["housing"], **options)
        await chain.flow()
    result.events = chain.events
    if reporting is not None:
        await feed(reporting.container, result.events)
    return result
