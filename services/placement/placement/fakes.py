"""In-memory fakes of placement's repositories and unit of work for the unit tests (cosmicpython's FakeRepository and
FakeUnitOfWork): the journey steps run against them without a database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from journey_platform.principal import OrgType, Principal
from journey_platform.reference import load_reference_data
from journey_platform.testing.fakes import FakeUnitOfWorkBase
from placement.adapters.orm import Traject, Uitstroomverklaring, Verblijf, Voorziening, WachtlijstAanmelding
from placement.domain.states import VerblijfStatus, WachtlijstStatus
from placement.service_layer.context import PlacementContext

ON_THE_LIST = (WachtlijstStatus.wachtend, WachtlijstStatus.aanbod)
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
REFERENCE = load_reference_data()
CENTRAL_ACCESS = Principal("ct-user", OrgType.centrale_toegang, "CT-IJSSEL-VECHT", region="ijssel-vecht")
PROVIDER = Principal("provider-user", OrgType.zorgaanbieder, "RIBW-IJSSEL-VECHT")


def context(now: datetime = NOW) -> PlacementContext:
    return PlacementContext(reference=REFERENCE, clock=lambda: now)


class FakeWaitingList:
    def __init__(self, journeys: FakeJourneys) -> None:
        self.entries: dict[uuid.UUID, WachtlijstAanmelding] = {}
        self.journeys = journeys
        self.locked: list[uuid.UUID] = []

    async def get(self, entry_id: uuid.UUID) -> WachtlijstAanmelding | None:
        return self.entries.get(entry_id)

    async def lock(self, entry_id: uuid.UUID) -> WachtlijstAanmelding | None:
        self.locked.append(entry_id)
        return self.entries.get(entry_id)

    def add(self, entry: WachtlijstAanmelding) -> None:
        self.entries[entry.id] = entry

    async def on_the_list(self, *, melding_id: uuid.UUID | None = None, traject_id: uuid.UUID | None = None) -> list[uuid.UUID]:
        return [
            e.id
            for e in self.entries.values()
            if e.status in ON_THE_LIST and (e.melding_id == melding_id if melding_id else e.traject_id == traject_id)
        ]

    async def waiting_of_journey(self, traject_id: uuid.UUID) -> list[WachtlijstAanmelding]:
        return [e for e in self.entries.values() if e.traject_id == traject_id and e.status == WachtlijstStatus.wachtend]

    async def holds_right(self, traject_id: uuid.UUID, kind: str, beschikking_id: uuid.UUID) -> bool:
        return any(
            e.traject_id == traject_id
            and (e.beschikking_id == beschikking_id or (e.voorziening == kind and e.status in ON_THE_LIST))
            for e in self.entries.values()
        )

    async def waiting_for(self, kind: str, region: str | None) -> list[tuple[WachtlijstAanmelding, Traject]]:
        return [
            (e, self.journeys.rows[e.traject_id])
            for e in self.entries.values()
            if e.status == WachtlijstStatus.wachtend and e.voorziening == kind and e.regio == region
        ]


class FakeFacilities:
    def __init__(self, waiting_list: FakeWaitingList, stays: FakeStays) -> None:
        self.rows: dict[uuid.UUID, Voorziening] = {}
        self.waiting_list = waiting_list
        self.stays = stays
        self.locked: list[uuid.UUID] = []

    async def get(self, voorziening_id: uuid.UUID, *, lock: bool = False) -> Voorziening | None:
        if lock:
            self.locked.append(voorziening_id)
        return self.rows.get(voorziening_id)

    async def open_in_region(self, region: str | None) -> list[uuid.UUID]:
        return [f.id for f in self.rows.values() if f.regio == region and f.status == "open"]

    async def occupancy(self, voorziening_id: uuid.UUID) -> tuple[int, int]:
        occupied = sum(
            1 for s in self.stays.rows.values() if s.voorziening_id == voorziening_id and s.status == VerblijfStatus.actief
        )
        offered = sum(
            1
            for e in self.waiting_list.entries.values()
            if e.aanbod_voorziening_id == voorziening_id and e.status == WachtlijstStatus.aanbod
        )
        return occupied, offered


class FakeStays:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Verblijf] = {}

    async def active_types(self, traject_id: uuid.UUID) -> list[str]:
        return [s.voorziening_type for s in self.rows.values() if s.traject_id == traject_id and s.status == "actief"]


class FakeJourneys:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Traject] = {}

    async def get(self, traject_id: uuid.UUID) -> Traject | None:
        return self.rows.get(traject_id)


class FakeReadyToLeave:
    def __init__(self) -> None:
        self.rows: list[Uitstroomverklaring] = []

    async def declared_from(self, verblijf_id: uuid.UUID) -> bool:
        return any(d.verblijf_id == verblijf_id for d in self.rows)

    async def latest(self, verblijf_id: uuid.UUID) -> Uitstroomverklaring | None:
        mine = [d for d in self.rows if d.verblijf_id == verblijf_id]
        return max(mine, key=lambda d: d.verklaard_op) if mine else None

    def add(self, declaration: Uitstroomverklaring) -> None:
        self.rows.append(declaration)


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    """Placement's fake repositories over the shared fake outbox and commit."""

    journeys: FakeJourneys = field(default_factory=FakeJourneys)
    stays: FakeStays = field(default_factory=FakeStays)
    ready_to_leave: FakeReadyToLeave = field(default_factory=FakeReadyToLeave)

    def __post_init__(self) -> None:
        self.waiting_list = FakeWaitingList(self.journeys)
        self.facilities = FakeFacilities(self.waiting_list, self.stays)


def journey(uow: FakeUnitOfWork, *, gemeente: str = "GM0193", origin: str | None = None) -> Traject:
    traject = Traject(
        id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        verantwoordelijke_gemeente=gemeente,
        gemeente_melding=gemeente,
        gemeente_van_herkomst=origin,
        regio=REFERENCE.region_of(gemeente),
        huishouden_grootte=1,
        aandachtspunten=[],
        kort_verblijf=False,
        status="open",
        bijgewerkt_op=NOW,
    )
    uow.journeys.rows[traject.id] = traject
    return traject


def facility(uow: FakeUnitOfWork, *, places: int, type_: str = "beschermd-wonen", gemeente: str = "GM0193") -> Voorziening:
    place = Voorziening(
        id=uuid.uuid4(),
        naam="Synthetic BW location",
        type=type_,
        zorgaanbieder=PROVIDER.org_id,
        gemeente=gemeente,
        regio=REFERENCE.region_of(gemeente),
        capaciteit_plaatsen=places,
        eenpersoonskamers=places,
        veilig_voor=[],
        huisdieren_toegestaan=False,
        rolstoeltoegankelijk=False,
        status="open",
        geregistreerd_op=NOW,
        gewijzigd_op=NOW,
    )
    uow.facilities.rows[place.id] = place
    return place
