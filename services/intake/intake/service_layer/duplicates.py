"""The worklist of possible duplicates (issue 13, item 1): persons that match on fewer fields than make one person.
Central access sees the pairs with a journey in its region, and merges them (merging.py) or says they differ."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select

from intake.adapters.identity_orm import MogelijkeDubbele
from intake.adapters.orm import Persoon, Traject
from intake.domain.states import DubbeleStatus
from intake.service_layer import policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.identity_commands import WijsDubbeleAf
from intake.service_layer.identity_views import MogelijkeDubbeleView
from intake.service_layer.merging import ensure_central_access_for
from intake.service_layer.persons import PersonKeys, person_view
from journey_platform.errors import Conflict, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.paging import page_of
from journey_platform.principal import OrgType, Principal


async def _view(uow: UnitOfWork, dubbele: MogelijkeDubbele, ctx: IntakeContext) -> MogelijkeDubbeleView:
    persoon = await uow.session.get(Persoon, dubbele.persoon_id)
    kandidaat = await uow.session.get(Persoon, dubbele.kandidaat_id)
    assert persoon is not None and kandidaat is not None
    reden = await PersonKeys(uow.session, ctx.keyring).open(dubbele.persoon_id, dubbele.reden)
    return MogelijkeDubbeleView(
        id=dubbele.id,
        persoon=person_view(persoon, ctx.keyring),
        kandidaat=person_view(kandidaat, ctx.keyring),
        overeenkomende_velden=dubbele.velden,
        status=dubbele.status,
        gevonden_op=dubbele.gevonden_op,
        beoordeeld_door=dubbele.beoordeeld_door,
        beoordeeld_op=dubbele.beoordeeld_op,
        reden=reden,
    )


async def list_mogelijke_dubbelen(
    uow: UnitOfWork, who: Principal, ctx: IntakeContext, *, status: str | None, page: int, size: int
) -> list[MogelijkeDubbeleView]:
    who.require(OrgType.centrale_toegang)
    codes = policy.region_municipalities(ctx.reference, who.region)
    in_region = select(Traject.persoon_id).where(
        or_(Traject.gemeente_melding.in_(codes), Traject.verantwoordelijke_gemeente.in_(codes))
    )
    query = select(MogelijkeDubbele).where(
        or_(MogelijkeDubbele.persoon_id.in_(in_region), MogelijkeDubbele.kandidaat_id.in_(in_region))
    )
    if status:
        query = query.where(MogelijkeDubbele.status == status)
    rows = await page_of(uow.session, query.order_by(MogelijkeDubbele.gevonden_op, MogelijkeDubbele.id), page, size)
    return [await _view(uow, d, ctx) for d in rows]


async def _dubbele_for(uow: UnitOfWork, dubbele_id: uuid.UUID, who: Principal, ctx: IntakeContext) -> MogelijkeDubbele:
    who.require(OrgType.centrale_toegang)
    dubbele = await uow.session.scalar(select(MogelijkeDubbele).where(MogelijkeDubbele.id == dubbele_id).with_for_update())
    if dubbele is None:
        raise NotFound(f"no possible duplicate {dubbele_id}")
    await ensure_central_access_for(uow, who, ctx, [dubbele.persoon_id, dubbele.kandidaat_id])
    return dubbele


async def get_mogelijke_dubbele(
    dubbele_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext
) -> MogelijkeDubbeleView:
    return await _view(uow, await _dubbele_for(uow, dubbele_id, who, ctx), ctx)


async def wijs_af(
    dubbele_id: uuid.UUID, cmd: WijsDubbeleAf, uow: UnitOfWork, who: Principal, ctx: IntakeContext
) -> MogelijkeDubbeleView:
    """Two different people: the pair leaves the worklist, with the reason, and is not proposed again."""
    dubbele = await _dubbele_for(uow, dubbele_id, who, ctx)
    if dubbele.status != DubbeleStatus.open:
        raise Conflict(f"this possible duplicate is already {dubbele.status}")
    dubbele.status, dubbele.beoordeeld_door, dubbele.beoordeeld_op = DubbeleStatus.afgewezen, who.org_id, ctx.clock()
    dubbele.reden = await PersonKeys(uow.session, ctx.keyring).seal(dubbele.persoon_id, cmd.reden)
    await uow.commit()
    return await _view(uow, dubbele, ctx)
