"""In-memory fakes of housing's repositories and unit of work for the unit tests (cosmicpython's FakeRepository and
FakeUnitOfWork): the journey steps run against them without a database."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from housing.adapters.orm import Aanbod, Kandidaat, Matchingronde, Pool, Voorstel, Woning
from housing.adapters.repositories import DECLINED, EPOCH, OPEN_OFFER, Area
from housing.domain.states import AanbodStatus, KandidaatStatus, VoorstelStatus, WoningStatus
from housing.service_layer.context import HousingContext
from housing.settings import HousingSettings
from journey_platform.reference import load_reference_data
from journey_platform.testing.fakes import FakeUnitOfWorkBase

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def context(now: datetime = NOW) -> HousingContext:
    return HousingContext(reference=load_reference_data(), settings=HousingSettings(environment="test"), clock=lambda: now)


class FakeMatching:
    def __init__(self) -> None:
        self.pool_row = Pool(id=1, gewijzigd_op=EPOCH, laatste_ronde_op=None)
        self.pool_locked = False
        self.candidates: list[Kandidaat] = []
        self.units: list[Woning] = []
        self.offers: list[tuple[Aanbod, Woning]] = []
        self.rounds: list[Matchingronde] = []
        self.proposals: list[Voorstel] = []

    async def pool(self, *, lock: bool = False) -> Pool:
        self.pool_locked = self.pool_locked or lock
        return self.pool_row

    async def waiting_candidates(self) -> list[Kandidaat]:
        return [k for k in self.candidates if k.status == KandidaatStatus.wachtend]

    async def available_units(self, horizon: date, today: date) -> list[Woning]:
        return [
            w
            for w in self.units
            if w.status == WoningStatus.beschikbaar
            and w.beschikbaar_vanaf <= horizon
            and (w.beschikbaar_tot is None or w.beschikbaar_tot >= today)
        ]

    async def declined_pairs(self) -> list[tuple[uuid.UUID, uuid.UUID]]:
        return [(a.kandidaat_id, a.woning_id) for a, _ in self.offers if a.status in DECLINED]

    async def placements(self, municipalities: Iterable[str], moved_in_since: datetime) -> dict[Area, int]:
        used: dict[Area, int] = {}
        wanted = set(municipalities)
        for aanbod, woning in self.offers:
            counts = aanbod.status in OPEN_OFFER or (
                aanbod.status == AanbodStatus.verhuisd and aanbod.verhuisd_op is not None and aanbod.verhuisd_op >= moved_in_since
            )
            if counts and woning.gemeente in wanted:
                used[(woning.gemeente, woning.wijk)] = used.get((woning.gemeente, woning.wijk), 0) + 1
        return used

    async def open_proposals(self) -> list[Voorstel]:
        return [v for v in self.proposals if v.status == VoorstelStatus.voorgesteld]

    def add(self, row: Matchingronde | Voorstel) -> None:
        if isinstance(row, Matchingronde):
            self.rounds.append(row)
        else:
            self.proposals.append(row)


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    """Housing's fake repository over the shared fake outbox and commit."""

    matching: FakeMatching = field(default_factory=FakeMatching)


def candidate(uow: FakeUnitOfWork, *, wishes: list[str], max_rent: float = 700, waited_days: int = 30) -> Kandidaat:
    kandidaat = Kandidaat(
        id=uuid.uuid4(),
        traject_id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        bron="uitstroomgereed",
        uitstroomgereed_op=NOW - timedelta(days=waited_days),
        gemeente_van_herkomst=None,
        verantwoordelijke_gemeente="GM0193",
        regio="ijssel-vecht",
        huishouden_grootte=1,
        max_huur=max_rent,
        huisdieren=False,
        rolstoeltoegankelijk=False,
        begeleidingsintensiteit="midden",
        jongvolwassene=False,
        doelgroepen=[],
        gemeente_voorkeuren=wishes,
        herkomst_volgens_plan=False,
        lopend_in={},
        urgent=True,
        housing_first=False,
        status=KandidaatStatus.wachtend,
        aangemeld_op=NOW,
    )
    uow.matching.candidates.append(kandidaat)
    return kandidaat


def unit(uow: FakeUnitOfWork, *, gemeente: str, rent: float = 600, wijk: str = "Centrum") -> Woning:
    woning = Woning(
        id=uuid.uuid4(),
        aanbieder_type="woningcorporatie",
        aanbieder="WC-SYNTH",
        geregistreerd_door="WC-SYNTH",
        type="sociale-huur",
        gemeente=gemeente,
        wijk=wijk,
        huur=rent,
        kamers=2,
        max_bewoners=2,
        rolstoeltoegankelijk=False,
        huisdieren_toegestaan=False,
        geschikt_voor=[],
        begeleiding_in_de_buurt=False,
        gemeubileerd=False,
        beschikbaar_vanaf=NOW.date(),
        beschikbaar_tot=None,
        status=WoningStatus.beschikbaar,
        geregistreerd_op=NOW,
    )
    uow.matching.units.append(woning)
    return woning
