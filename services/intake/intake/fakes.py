"""In-memory fakes of intake's repositories and unit of work for the unit tests (cosmicpython's FakeRepository and
FakeUnitOfWork): the journey steps run against them without a database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from intake.adapters.orm import Melding, Verwijzing
from intake.domain.states import MeldingStatus, VerwijzingStatus
from journey_platform.testing.fakes import FakeUnitOfWorkBase

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class FakeReferrals:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Verwijzing] = {}
        self.locked: list[uuid.UUID] = []

    async def get(self, verwijzing_id: uuid.UUID, *, lock: bool = False) -> Verwijzing | None:
        if lock:
            self.locked.append(verwijzing_id)
        return self.rows.get(verwijzing_id)


class FakeReports:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Melding] = {}

    async def get(self, melding_id: uuid.UUID) -> Melding | None:
        return self.rows.get(melding_id)


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    """Intake's fake repositories over the shared fake outbox and commit."""

    referrals: FakeReferrals = field(default_factory=FakeReferrals)
    reports: FakeReports = field(default_factory=FakeReports)


def referred_report(uow: FakeUnitOfWork, *, to: str, gemeente: str = "GM0193") -> Verwijzing:
    """An open report of `gemeente`, referred to the organisation `to`."""
    melding = Melding(
        id=uuid.uuid4(),
        traject_id=uuid.uuid4(),
        persoon_id=uuid.uuid4(),
        melder_type="politie",
        melder_organisatie="synthetic",
        situatie="dakloos",
        route="onbekend",
        gemeente_melding=gemeente,
        verantwoordelijke_gemeente=gemeente,
        huishouden_grootte=1,
        aantal_kinderen=0,
        aandachtspunten=[],
        meld_datum=date(2026, 3, 1),
        gemeld_op=NOW,
        beslistermijn=date(2026, 4, 26),
        status=MeldingStatus.open,
        herhaalmelding=False,
    )
    verwijzing = Verwijzing(
        id=uuid.uuid4(),
        melding_id=melding.id,
        van_organisatie=gemeente,
        naar_organisatie=to,
        status=VerwijzingStatus.open,
        toelichting=None,
        aangemaakt_op=NOW,
    )
    uow.reports.rows[melding.id] = melding
    uow.referrals.rows[verwijzing.id] = verwijzing
    return verwijzing
