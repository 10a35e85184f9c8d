"""Webhook subscriptions in the manner of the VNG Notificaties API (abonnementen)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from journey_platform.auth import PrincipalDep
from journey_platform.web.deps import UowDep
from reporting.subscriptions.entrypoints.deps import AbonnementId, AfleveringId, ContextDep
from reporting.subscriptions.service_layer import abonnementen
from reporting.subscriptions.service_layer.commands import RegistreerAbonnement
from reporting.subscriptions.service_layer.views import AbonnementView, AfleveringView, NieuwAbonnementView

router = APIRouter(tags=["abonnementen"])


@router.post(
    "/abonnementen",
    status_code=201,
    response_model=NieuwAbonnementView,
    operation_id="registreerAbonnement",
    summary="Subscribe a callback URL to your residents' journey events (a test notification is sent first)",
)
async def registreer_abonnement(
    body: RegistreerAbonnement, who: PrincipalDep, uow: UowDep, ctx: ContextDep
) -> NieuwAbonnementView:
    return await abonnementen.registreer(body, uow, who, ctx)


@router.get(
    "/abonnementen",
    response_model=list[AbonnementView],
    operation_id="zoekAbonnementen",
    summary="Your organisation's subscriptions",
)
async def zoek_abonnementen(who: PrincipalDep, uow: UowDep) -> list[AbonnementView]:
    return await abonnementen.lijst(uow, who)


@router.get(
    "/abonnementen/{abonnementId}",
    response_model=AbonnementView,
    operation_id="haalAbonnementOp",
    summary="One of your subscriptions",
)
async def haal_abonnement_op(abonnement_id: AbonnementId, who: PrincipalDep, uow: UowDep) -> AbonnementView:
    return await abonnementen.haal_op(abonnement_id, uow, who)


@router.delete(
    "/abonnementen/{abonnementId}",
    status_code=204,
    operation_id="beeindigAbonnement",
    summary="Cancel a subscription; waiting and parked deliveries go with it",
)
async def beeindig_abonnement(abonnement_id: AbonnementId, who: PrincipalDep, uow: UowDep) -> Response:
    await abonnementen.beeindig(abonnement_id, uow, who)
    return Response(status_code=204)


@router.get(
    "/abonnementen/{abonnementId}/mislukte-afleveringen",
    response_model=list[AfleveringView],
    operation_id="zoekMislukteAfleveringen",
    summary="Deliveries parked after the last retry (dead-letter list)",
)
async def zoek_mislukte_afleveringen(abonnement_id: AbonnementId, who: PrincipalDep, uow: UowDep) -> list[AfleveringView]:
    return await abonnementen.mislukte_afleveringen(abonnement_id, uow, who)


@router.post(
    "/abonnementen/{abonnementId}/mislukte-afleveringen/{afleveringId}/herbezorging",
    status_code=202,
    response_model=AfleveringView,
    operation_id="herbezorgAflevering",
    summary="Put a parked delivery back in the queue, with a fresh retry schedule",
)
async def herbezorg_aflevering(
    abonnement_id: AbonnementId, aflevering_id: AfleveringId, who: PrincipalDep, uow: UowDep
) -> AfleveringView:
    return await abonnementen.herbezorg(abonnement_id, aflevering_id, uow, who)
