"""Sharing a client's data with a care provider rests on the Wmo task it carries out: the decision (beschikking)
behind a placement with it, the admission to its facility (the low-threshold acute shelter needs no prior
decision), or the support plan that names it as the guiding provider. `policy` lets a provider see only that;
this module records each such sharing, with its basis, in the register (delingen) in the request's transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from journey_platform.errors import Forbidden
from journey_platform.paging import page_of
from journey_platform.principal import OrgType, Principal
from journey_platform.privacy.sharing_register import DelingView
from journey_platform.sharing import Grondslag
from placement.adapters.orm import Deling, Ondersteuningsplan, Traject, Verblijf, WachtlijstAanmelding
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.service_layer import policy
from placement.service_layer.context import PlacementContext

Basis = tuple[Grondslag, uuid.UUID]


async def _bases(uow: SqlUnitOfWork, stays: Iterable[Verblijf]) -> dict[uuid.UUID, Basis]:
    """Per stay: the decision it carries out if it came from the waiting list with one, else the admission itself."""
    stays = list(stays)
    entries = {s.van_wachtlijst_id for s in stays if s.van_wachtlijst_id}
    rows = (
        (
            await uow.session.execute(
                select(WachtlijstAanmelding.id, WachtlijstAanmelding.beschikking_id).where(WachtlijstAanmelding.id.in_(entries))
            )
        ).all()
        if entries
        else []
    )
    decisions = {entry_id: beschikking_id for entry_id, beschikking_id in rows}
    bases: dict[uuid.UUID, Basis] = {}
    for s in stays:
        decision = decisions.get(s.van_wachtlijst_id) if s.van_wachtlijst_id else None
        bases[s.id] = (Grondslag.beschikking, decision) if decision else (Grondslag.opname, s.id)
    return bases


def _record(
    uow: SqlUnitOfWork,
    who: Principal,
    traject_id: uuid.UUID,
    client_id: uuid.UUID,
    gegevens: str,
    gegevens_id: uuid.UUID,
    basis: Basis,
    now: datetime,
) -> None:
    uow.session.add(
        Deling(
            id=uuid.uuid4(),
            client_id=client_id,
            traject_id=traject_id,
            ontvanger_type=who.org_type.value,
            ontvanger_id=who.org_id,
            gegevens=gegevens,
            gegevens_id=gegevens_id,
            grondslag=basis[0].value,
            grondslag_id=basis[1],
            gedeeld_op=now,
        )
    )


async def share_stays(uow: SqlUnitOfWork, who: Principal, stays: Iterable[Verblijf], now: datetime) -> None:
    """Record the stays a provider reads (its own admissions; the policy shows it no other)."""
    if who.org_type is not OrgType.zorgaanbieder:
        return
    own = [s for s in stays if s.zorgaanbieder == who.org_id]
    bases = await _bases(uow, own)
    for s in own:
        _record(uow, who, s.traject_id, s.client_id, "verblijf", s.id, bases[s.id], now)
    await uow.commit()


async def share_plan(uow: SqlUnitOfWork, who: Principal, plan: Ondersteuningsplan, now: datetime) -> None:
    """Record a provider reading a support plan: on its active admission of the client, or as the plan's guiding provider."""
    if who.org_type is not OrgType.zorgaanbieder:
        return
    active = await uow.session.scalar(
        select(Verblijf)
        .where(
            Verblijf.traject_id == plan.traject_id,
            Verblijf.zorgaanbieder == who.org_id,
            Verblijf.status == policy.ACTIVE,
        )
        .order_by(Verblijf.opgenomen_op.desc())
        .limit(1)
    )
    traject = await uow.session.get(Traject, plan.traject_id)
    assert traject is not None
    basis = (await _bases(uow, [active]))[active.id] if active else (Grondslag.ondersteuningsplan, plan.id)
    _record(uow, who, plan.traject_id, traject.client_id, "ondersteuningsplan", plan.id, basis, now)
    await uow.commit()


async def list_delingen(
    uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext, *, client_id: uuid.UUID, page: int, size: int
) -> list[DelingView]:
    """The register of one client, for the case workers acting for the client."""
    who.require(OrgType.gemeente, OrgType.centrale_toegang)
    acts_for = await uow.session.scalar(
        select(Traject.id)
        .where(
            Traject.client_id == client_id,
            policy.journey_filter(who, ctx.reference, Traject.id),  # type: ignore[arg-type]  # SQLAlchemy types a mapped column as InstrumentedAttribute
        )
        .limit(1)
    )
    if acts_for is None:
        raise Forbidden("this client is not a client of your organisation")
    query = select(Deling).where(Deling.client_id == client_id).order_by(Deling.gedeeld_op.desc(), Deling.id)
    return [DelingView.model_validate(d) for d in await page_of(uow.session, query, page, size)]
