"""Support plans (ondersteuningsplannen) and trajectory monitoring (trajectcontroles)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from journey_platform.auth import PrincipalDep
from placement.entrypoints.deps import ContextDep, ControleId, PageDep, PlanId, SizeDep, UowDep
from placement.service_layer import monitoring, plans, queries, single_reads
from placement.service_layer import plan_commands as pc
from placement.service_layer.views import PlanVersieView, TrajectcontroleView

router = APIRouter()


@router.post(
    "/ondersteuningsplannen",
    status_code=201,
    response_model=PlanVersieView,
    tags=["ondersteuningsplannen"],
    operation_id="stelOndersteuningsplanVast",
    summary="Agree the support plan with the client (version 1)",
)
async def stel_plan_vast(body: pc.StelPlanVast, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> PlanVersieView:
    return await plans.stel_plan_vast(body, uow, who, ctx)


@router.get(
    "/ondersteuningsplannen/{planId}",
    response_model=PlanVersieView,
    tags=["ondersteuningsplannen"],
    operation_id="haalOndersteuningsplanOp",
    summary="The current version of a support plan",
)
async def haal_plan_op(plan_id: PlanId, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> PlanVersieView:
    return await plans.get_plan(plan_id, None, uow, who, ctx)


@router.post(
    "/ondersteuningsplannen/{planId}/versies",
    status_code=201,
    response_model=PlanVersieView,
    tags=["ondersteuningsplannen"],
    operation_id="stelNieuweVersieVast",
    summary="A new version of the plan (central access point or the guiding provider)",
)
async def nieuwe_versie(plan_id: PlanId, body: pc.PlanInhoud, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> PlanVersieView:
    return await plans.nieuwe_versie(plan_id, body, uow, who, ctx)


@router.get(
    "/ondersteuningsplannen/{planId}/versies/{versie}",
    response_model=PlanVersieView,
    tags=["ondersteuningsplannen"],
    operation_id="haalPlanversieOp",
    summary="One earlier version of a support plan",
)
async def haal_versie_op(
    plan_id: PlanId, versie: Annotated[int, Path(ge=1, le=10_000)], who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> PlanVersieView:
    return await plans.get_plan(plan_id, versie, uow, who, ctx)


@router.post(
    "/trajectcontroles",
    status_code=201,
    response_model=TrajectcontroleView,
    tags=["trajectcontroles"],
    operation_id="planTrajectcontrole",
    summary="Plan a trajectory check-in",
)
async def plan_controle(body: pc.PlanTrajectcontrole, who: PrincipalDep, uow: UowDep, ctx: ContextDep) -> TrajectcontroleView:
    return await monitoring.plan_controle(body, uow, who, ctx)


@router.get(
    "/trajectcontroles/{controleId}",
    response_model=TrajectcontroleView,
    tags=["trajectcontroles"],
    operation_id="haalTrajectcontroleOp",
    summary="Get one trajectory check-in",
)
async def haal_trajectcontrole_op(
    controle_id: ControleId, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> TrajectcontroleView:
    return await single_reads.get_trajectcontrole(controle_id, uow, who, ctx)


@router.get(
    "/trajectcontroles",
    response_model=list[TrajectcontroleView],
    tags=["trajectcontroles"],
    operation_id="zoekTrajectcontroles",
    summary="Check-ins; with achterstallig=true the worklist of overdue ones",
)
async def zoek_controles(
    who: PrincipalDep,
    uow: UowDep,
    ctx: ContextDep,
    traject_id: Annotated[uuid.UUID | None, Query(alias="trajectId")] = None,
    achterstallig: Annotated[bool, Query(description="Only overdue check-ins, longest overdue first.")] = False,
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[TrajectcontroleView]:
    return await queries.list_trajectcontroles(
        uow, who, ctx, traject_id=traject_id, achterstallig=achterstallig, page=queries.Page(pagina, pagina_grootte)
    )


@router.post(
    "/trajectcontroles/{controleId}/uitkomst",
    response_model=TrajectcontroleView,
    tags=["trajectcontroles"],
    operation_id="legUitkomstVast",
    summary="Record a check-in's outcome; the next one is planned",
)
async def leg_uitkomst_vast(
    controle_id: ControleId, body: pc.LegUitkomstVast, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> TrajectcontroleView:
    return await monitoring.leg_uitkomst_vast(controle_id, body, uow, who, ctx)
