"""The ready-to-leave step (service_layer/ready_to_leave.py `declare`) against fake repositories: the declaration,
its event with the client's housing wishes, and the refusals. No database: placement/fakes.py."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from journey_platform.contracts import placement as ev
from journey_platform.errors import Conflict, InvalidInput
from placement.adapters.orm import Verblijf
from placement.fakes import NOW, PROVIDER, FakeUnitOfWork, context, facility, journey
from placement.service_layer import commands as c
from placement.service_layer.ready_to_leave import declare


def active_stay(uow: FakeUnitOfWork, *, origin: str | None = "GM0160", bed_en_break: bool = False) -> Verblijf:
    traject = journey(uow, origin=origin)
    place = facility(uow, places=10)
    stay = Verblijf(
        id=uuid.uuid4(),
        traject_id=traject.id,
        client_id=traject.client_id,
        voorziening_id=place.id,
        voorziening_type=place.type,
        zorgaanbieder=place.zorgaanbieder,
        gemeente=place.gemeente,
        soort="plaatsing",
        status="actief",
        opgenomen_op=NOW - timedelta(days=200),
        bed_en_break=bed_en_break,
    )
    uow.stays.rows[stay.id] = stay
    return stay


def wishes(**changes: Any) -> c.VerklaarUitstroomgereed:
    return c.VerklaarUitstroomgereed.model_validate(
        {"huishoudenGrootte": 1, "maxHuur": 650, "gemeenteVoorkeuren": ["GM0166", "GM0193"], **changes}
    )


async def test_the_declaration_tells_housing_the_wishes_and_commits() -> None:
    uow = FakeUnitOfWork()
    stay = active_stay(uow)

    view = await declare(stay, wishes(), uow, PROVIDER, context())

    assert view.verblijf_id == stay.id
    (declared,) = uow.ready_to_leave.rows
    assert (declared.verklaard_door, declared.verklaard_op) == (PROVIDER.org_id, NOW)
    (event,) = uow.published
    assert isinstance(event, ev.UitstroomgereedVerklaard)
    assert (event.traject_id, event.gemeente_van_herkomst, event.max_huur) == (stay.traject_id, "GM0160", 650)
    assert event.gemeente_voorkeuren == ["GM0166", "GM0193"]  # the client's order: most wanted first
    assert uow.committed
    assert uow.late == []  # declared now: nothing registered late


async def test_a_stay_is_declared_ready_to_leave_once() -> None:
    uow = FakeUnitOfWork()
    stay = active_stay(uow)
    await declare(stay, wishes(), uow, PROVIDER, context())

    with pytest.raises(Conflict):
        await declare(stay, wishes(), uow, PROVIDER, context())
    assert len(uow.published) == 1


async def test_not_on_a_bed_and_break_stay() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(Conflict):
        await declare(active_stay(uow, bed_en_break=True), wishes(), uow, PROVIDER, context())
    assert (uow.published, uow.committed) == ([], False)


@pytest.mark.parametrize(
    ("changes", "origin", "field"),
    [
        ({"gemeenteVoorkeuren": ["GM9999"]}, "GM0160", "gemeenteVoorkeuren"),
        ({"terugkeerNaarHerkomst": True}, None, "terugkeerNaarHerkomst"),
    ],
)
async def test_bad_wishes_are_refused_naming_the_field(changes: dict[str, Any], origin: str | None, field: str) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput) as refused:
        await declare(active_stay(uow, origin=origin), wishes(**changes), uow, PROVIDER, context())
    assert [p.name for p in refused.value.invalid_params or []] == [field]
    assert uow.ready_to_leave.rows == []


async def test_a_backdated_declaration_counts_from_its_moment_and_is_noted_late() -> None:
    uow = FakeUnitOfWork()
    stay = active_stay(uow)
    moment = NOW - timedelta(days=3)

    await declare(stay, wishes(verklaardOp=moment.isoformat(), redenLateRegistratie="paper form"), uow, PROVIDER, context())

    (event,) = uow.published
    assert isinstance(event, ev.UitstroomgereedVerklaard)
    assert event.verklaard_op == moment
    assert [n["veld"] for n in uow.late] == ["verklaardOp"]
