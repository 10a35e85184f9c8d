"""Builders of synthetic events for tests, the replay benchmark and the browser test: real contracts, made-up ids.

`j = Client()` is one client on one journey; `j.melding(date(2024, 1, 5))` etc. return CloudEvents with
the business moment given and the CloudEvents time equal to it unless `recorded` says otherwise
(a late event is recorded after the moment it describes).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from journey_platform.contracts import placement
from journey_platform.messaging.envelope import CloudEvent
from reporting.domain.indicators.history import Fact, History
from reporting.service_layer.projector import record
from reporting.testing.events import OIN, at, emit
from reporting.testing.housing_events import HousingEvents
from reporting.testing.intake_events import IntakeEvents
from reporting.testing.placement_events import PlacementEvents

__all__ = ["OIN", "Client", "at", "emit", "facility", "feed", "history", "synthetic_events"]


def history(*events: CloudEvent) -> History:
    stored = [record(e) for e in events]
    return History([Fact.of(g.event_type, g.tijdstip, g.traject_id, g.data) for g in stored])


def facility(
    kind: str = "acute-opvang",
    places: int = 32,
    gemeente: str = "GM0193",
    provider: str = "leger-des-heils",
    on: date = date(2023, 1, 1),
    facility_id: uuid.UUID | None = None,
) -> CloudEvent:
    return emit(
        placement.VoorzieningGeregistreerd(
            voorziening_id=facility_id or uuid.uuid4(),
            type=kind,
            zorgaanbieder=provider,
            gemeente=gemeente,
            regio=None,
            capaciteit_plaatsen=places,
            eenpersoonskamers=0,
        ),
        at(on),
    )


@dataclass
class Client(IntakeEvents, PlacementEvents, HousingEvents):
    """One client on one journey; the events of each service come from its bases (reporting/testing/*_events.py)."""

    gemeente: str = "GM0150"
    herkomst: str | None = None
    client_id: uuid.UUID = field(default_factory=uuid.uuid4)
    traject_id: uuid.UUID = field(default_factory=uuid.uuid4)
    melding_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def new_journey(self) -> Client:
        """The same person on a new journey (a return after a closed one)."""
        return Client(self.gemeente, self.herkomst, self.client_id)


async def feed(container: Any, events: list[CloudEvent]) -> None:
    """Project events the way the consumer does: one unit of work per event, committed after the handler."""
    from reporting.service_layer.projector import project_event

    for event in events:
        async with container.uow() as uow:
            await project_event(event, uow)
            await uow.commit()


def synthetic_events(clients: int, seed: int = 1, year: int = 2024) -> list[CloudEvent]:
    """A year in Midden-IJssel: every other client through the shelter to a home, the others into BW."""
    rng = random.Random(seed)
    shelter, bw = uuid.uuid4(), uuid.uuid4()
    events = [
        facility("acute-opvang", 12, "GM0150", facility_id=shelter),
        facility("beschermd-wonen", 20, "GM0301", "ribw", facility_id=bw),
    ]
    for i in range(clients):
        c = Client(rng.choice(["GM0150", "GM0262", "GM0301"]), herkomst=rng.choice(["GM0150", "GM0177", None]))
        start = date(year, 1, 1) + timedelta(days=rng.randrange(300))
        stay = uuid.uuid4()
        events += [c.melding(start), c.onderzoek(start + timedelta(2)), c.besluit(start + timedelta(rng.randrange(20, 80)))]
        if i % 2:
            events += [
                c.opname(start + timedelta(3), shelter, opname_id=stay),
                c.uitstroomgereed(start + timedelta(40)),
                c.uitgestroomd(start + timedelta(50), shelter, stay),
                c.verhuisd(start + timedelta(50), gemeente=c.herkomst),
            ]
        else:
            events += [c.plaatsing(start + timedelta(30), bw)]
    return events


def break_the_replay_at(monkeypatch: Any, batch: int) -> None:
    """The replay's write of its `batch`-th batch fails as if the connection went away (`monkeypatch`: pytest's);
    the batches before it are written."""
    import reporting.replay as replay_module

    real, written = replay_module.write_rows, 0

    async def breaks(*args: Any) -> None:
        nonlocal written
        written += 1
        if written == batch:
            raise ConnectionError("the connection went away")
        await real(*args)

    monkeypatch.setattr(replay_module, "write_rows", breaks)
