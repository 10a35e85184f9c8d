"""The support plan (ondersteuningsplan): made with the client, versioned, one plan and one coordinator."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from journey_platform.backdating import Recorder
from journey_platform.contracts import placement as ev
from journey_platform.errors import Conflict, Forbidden, NotFound
from journey_platform.principal import Principal
from placement.adapters.orm import Ondersteuningsplan, PlanVersie
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.service_layer import plan_commands as pc
from placement.service_layer import policy, sharing
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import journey
from placement.service_layer.views import PlanVersieView


async def stel_plan_vast(cmd: pc.StelPlanVast, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext) -> PlanVersieView:
    """Central access makes the plan with the client for the provider who will guide him or her."""
    policy.ensure_central_access(who)
    ctx = ctx.at(ctx.moment(cmd.vastgesteld_op, "vastgesteldOp", Recorder(uow, who, cmd.reden_late_registratie)))
    traject = await journey(uow, cmd.traject_id)
    await policy.ensure_may_see_journey(uow, who, ctx.reference, traject.id)
    if await uow.session.scalar(select(Ondersteuningsplan.id).where(Ondersteuningsplan.traject_id == traject.id)):
        raise Conflict("this client already has a support plan (1 plan, 1 regisseur); add a version")
    plan = Ondersteuningsplan(
        id=uuid.uuid4(), traject_id=traject.id, huidige_versie=0, zorgaanbieder=cmd.zorgaanbieder, aangemaakt_op=ctx.clock()
    )
    uow.session.add(plan)
    await uow.session.flush()
    version = _new_version(uow, ctx, who, plan, traject.client_id, cmd)
    await uow.commit()
    return _view(plan, version, list(range(1, plan.huidige_versie + 1)))


async def nieuwe_versie(
    plan_id: uuid.UUID, cmd: pc.PlanInhoud, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> PlanVersieView:
    plan = await uow.session.scalar(select(Ondersteuningsplan).where(Ondersteuningsplan.id == plan_id).with_for_update())
    if plan is None:
        raise NotFound(f"no support plan {plan_id}")
    guides = policy.guides(who, plan)
    if not guides:
        policy.ensure_central_access(who)
        await policy.ensure_may_see_journey(uow, who, ctx.reference, plan.traject_id)
    traject = await journey(uow, plan.traject_id)
    version = _new_version(uow, ctx, who, plan, traject.client_id, cmd)
    await uow.commit()
    return _view(plan, version, list(range(1, plan.huidige_versie + 1)))


def _new_version(
    uow: SqlUnitOfWork,
    ctx: PlacementContext,
    who: Principal,
    plan: Ondersteuningsplan,
    client_id: uuid.UUID,
    content: pc.PlanInhoud,
) -> PlanVersie:
    now = ctx.clock()
    plan.huidige_versie += 1
    plan.zorgaanbieder = content.zorgaanbieder
    version = PlanVersie(
        id=uuid.uuid4(),
        plan_id=plan.id,
        versie=plan.huidige_versie,
        zorgaanbieder=content.zorgaanbieder,
        regisseur_organisatie=content.regisseur.organisatie,
        regisseur_naam=content.regisseur.naam,
        doelen=[d.model_dump(mode="json") for d in content.doelen],
        resultaten=[r.model_dump(mode="json") for r in content.resultaten],
        eigen_visie=content.eigen_visie,
        vastgesteld_door=who.org_id,
        vastgesteld_op=now,
    )
    uow.session.add(version)
    uow.publish(
        ev.OndersteuningsplanVastgesteld(
            traject_id=plan.traject_id,
            client_id=client_id,
            plan_id=plan.id,
            versie=version.versie,
            zorgaanbieder=content.zorgaanbieder,
            regisseur_organisatie=content.regisseur.organisatie,
            levensdomeinen=sorted({d.levensdomein.value for d in content.doelen}),
            vastgesteld_op=now,
            resultaten=[r.resultaat.value for r in content.resultaten],
        )
    )
    return version


def _view(plan: Ondersteuningsplan, version: PlanVersie, versions: list[int]) -> PlanVersieView:
    return PlanVersieView(
        plan_id=plan.id,
        traject_id=plan.traject_id,
        versie=version.versie,
        zorgaanbieder=version.zorgaanbieder,
        regisseur={"organisatie": version.regisseur_organisatie, "naam": version.regisseur_naam},
        doelen=version.doelen,
        resultaten=version.resultaten,
        eigen_visie=version.eigen_visie,
        vastgesteld_door=version.vastgesteld_door,
        vastgesteld_op=version.vastgesteld_op,
        versies=versions,
    )


async def get_plan(
    plan_id: uuid.UUID, versie: int | None, uow: SqlUnitOfWork, who: Principal, ctx: PlacementContext
) -> PlanVersieView:
    plan = await uow.session.get(Ondersteuningsplan, plan_id)
    if plan is None:
        raise NotFound(f"no support plan {plan_id}")
    guides = policy.guides(who, plan)
    if not guides and not await policy.may_see_journey(uow, who, ctx.reference, plan.traject_id):
        raise Forbidden("this client is not a client of your organisation")
    wanted = versie or plan.huidige_versie
    version = await uow.session.scalar(select(PlanVersie).where(PlanVersie.plan_id == plan.id, PlanVersie.versie == wanted))
    if version is None:
        raise NotFound(f"the plan has no version {wanted}")
    view = _view(plan, version, list(range(1, plan.huidige_versie + 1)))
    await sharing.share_plan(uow, who, plan, ctx.clock())
    return view
