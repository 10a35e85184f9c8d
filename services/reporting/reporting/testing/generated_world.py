"""The fixed part of a generated history (reporting/testing/history_generator.py): the regions, their facilities,
seeded ids, and the producer's numbering and late registration of a journey's events."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from journey_platform.contracts import placement
from journey_platform.messaging.envelope import JOURNEY_SEQUENCE, LATE_REGISTERED, CloudEvent
from journey_platform.reference import Region, load_reference_data
from reporting.tests_support import at, emit, facility

MO_KINDS = ("acute-opvang", "24-uursopvang", "nachtopvang", "crisisopvang")
BW_KINDS = ("beschermd-wonen", "beschut-wonen")


@dataclass
class Facilities:
    by_kind: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    everywhere: dict[str, list[uuid.UUID]] = field(default_factory=dict)  # every region's, for a provider's failure

    def pick(self, rng: random.Random, kind: str) -> uuid.UUID:
        return rng.choice(self.by_kind[kind])


def regions(count: int | None = None) -> list[Region]:
    """The reference data's regions (the first `count`; all of them when None)."""
    found = list(load_reference_data().regions)
    return found[:count] if count else found


def facilities_of(region: Region, rng: random.Random, start: date) -> tuple[list[CloudEvent], Facilities]:
    """Each kind of shelter and BW in the region's centre and one or two of its other municipalities, with a capacity change."""
    events, found = [], Facilities()
    codes = [m.code for m in region.municipalities]
    for kind in (*MO_KINDS, *BW_KINDS, "bed-en-break"):
        for gemeente in dict.fromkeys([region.centre, rng.choice(codes)]):
            facility_id, changed = uuid.uuid4(), at(start + timedelta(days=rng.randrange(30, 700)))
            provider = "ribw" if kind in BW_KINDS else "leger-des-heils"
            events.append(facility(kind, rng.randrange(8, 60), gemeente, provider, start, facility_id))
            resized = placement.CapaciteitGewijzigd(
                voorziening_id=facility_id, capaciteit_plaatsen=rng.randrange(8, 60), eenpersoonskamers=0, gewijzigd_op=changed
            )
            events.append(emit(resized, changed))
            found.by_kind.setdefault(kind, []).append(facility_id)
    return events, found


@contextmanager
def seeded_uuids(rng: random.Random) -> Iterator[None]:
    """Every id the builders draw with `uuid.uuid4()` from the seed, so one seed gives one history."""
    drawn = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)  # seeded for the duration
    try:
        yield
    finally:
        uuid.uuid4 = drawn  # restored


def sequenced(events: list[CloudEvent], rng: random.Random, late_share: float) -> Iterator[CloudEvent]:
    """The producer's numbers per journey, in the journey's order; a share recorded late (days after its moment)."""
    for number, event in enumerate(sorted(events, key=lambda e: e.time), start=1):
        fields: dict[str, object] = {**event.model_dump(), "id": uuid.uuid4(), JOURNEY_SEQUENCE: number}
        if rng.random() < late_share:
            fields[LATE_REGISTERED] = True
            fields["time"] = event.time + timedelta(days=rng.randrange(3, 60))
        yield CloudEvent.model_validate(fields)
