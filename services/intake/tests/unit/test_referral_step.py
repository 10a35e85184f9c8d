"""Intake's referral step (service_layer/referral.py `beoordeel`) against fake repositories: the receiving
organisation accepts or refuses an open referral, once. No database: intake/fakes.py."""

from __future__ import annotations

import uuid

import pytest

from intake.fakes import NOW, FakeUnitOfWork, referred_report
from intake.service_layer import commands as c
from intake.service_layer.referral import beoordeel
from journey_platform.contracts import intake as ev
from journey_platform.errors import Conflict, Forbidden, NotFound
from journey_platform.principal import OrgType, Principal

KAMPEN = Principal("kampen-user", OrgType.gemeente, "GM0166")
DEVENTER = Principal("deventer-user", OrgType.gemeente, "GM0150")


@pytest.mark.parametrize(("accepted", "status"), [(True, "geaccepteerd"), (False, "afgewezen")])
async def test_the_receiving_organisation_accepts_or_refuses(accepted: bool, status: str) -> None:
    uow = FakeUnitOfWork()
    referral = referred_report(uow, to=KAMPEN.org_id)

    assessed, melding = await beoordeel(referral.id, c.BeoordeelVerwijzing(geaccepteerd=accepted), uow, KAMPEN, NOW)

    assert (assessed.status, assessed.beoordeeld_op) == (status, NOW)
    assert referral.id in uow.referrals.locked
    (event,) = uow.published
    assert isinstance(event, ev.VerwijzingBeoordeeld)
    assert (event.verwijzing_id, event.melding_id, event.traject_id) == (referral.id, melding.id, melding.traject_id)
    assert (event.naar_organisatie, event.geaccepteerd) == (KAMPEN.org_id, accepted)
    assert uow.committed


async def test_only_the_receiving_organisation_assesses() -> None:
    uow = FakeUnitOfWork()
    referral = referred_report(uow, to=KAMPEN.org_id)
    with pytest.raises(Forbidden):
        await beoordeel(referral.id, c.BeoordeelVerwijzing(geaccepteerd=True), uow, DEVENTER, NOW)
    assert (referral.status, uow.published, uow.committed) == ("open", [], False)


async def test_a_referral_is_assessed_once() -> None:
    uow = FakeUnitOfWork()
    referral = referred_report(uow, to=KAMPEN.org_id)
    await beoordeel(referral.id, c.BeoordeelVerwijzing(geaccepteerd=False), uow, KAMPEN, NOW)

    with pytest.raises(Conflict):
        await beoordeel(referral.id, c.BeoordeelVerwijzing(geaccepteerd=True), uow, KAMPEN, NOW)
    assert referral.status == "afgewezen"
    assert len(uow.published) == 1


async def test_an_unknown_referral_is_not_found() -> None:
    with pytest.raises(NotFound):
        await beoordeel(uuid.uuid4(), c.BeoordeelVerwijzing(geaccepteerd=True), FakeUnitOfWork(), KAMPEN, NOW)
