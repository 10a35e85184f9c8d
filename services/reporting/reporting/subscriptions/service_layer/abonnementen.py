"""Registering, reading and cancelling subscriptions; inspecting and redelivering parked deliveries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import delete, select

from journey_platform.db import utcnow
from journey_platform.errors import InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal
from journey_platform.reference import ReferenceData
from reporting.subscriptions.adapters.orm import Abonnement, Aflevering, PubliekeGebeurtenis
from reporting.subscriptions.adapters.sealing import SecretSeal
from reporting.subscriptions.adapters.webhooks import post_event
from reporting.subscriptions.domain.delivery import Status
from reporting.subscriptions.domain.signing import new_secret
from reporting.subscriptions.service_layer import commands as c
from reporting.subscriptions.service_layer.policy import callback_allowed, may_subscribe, owned
from reporting.subscriptions.service_layer.views import AbonnementView, AfleveringView, NieuwAbonnementView

TEST_EVENT_TYPE = "nl.opvangketen.abonnement.test-notificatie.v1"


@dataclass(frozen=True)
class SubscriptionContext:
    reference: ReferenceData
    source: str  # CloudEvents source of the test notification
    timeout: float
    seal: SecretSeal
    require_https: bool = True


async def registreer(
    cmd: c.RegistreerAbonnement, uow: UnitOfWork, who: Principal, ctx: SubscriptionContext
) -> NieuwAbonnementView:
    may_subscribe(who, cmd.filters.gemeente, ctx.reference)
    callback_allowed(str(cmd.callback_url), ctx.require_https)
    geheim = new_secret()
    await check_callback(str(cmd.callback_url), geheim, cmd.auth, ctx)
    abonnement = Abonnement(
        id=uuid.uuid4(),
        org_type=who.org_type.value,
        org_id=who.org_id,
        regio=who.region,
        callback_url=str(cmd.callback_url),
        auth_versleuteld=ctx.seal.seal(cmd.auth),
        geheim_versleuteld=ctx.seal.seal(geheim),
        kanalen=[k.value for k in cmd.kanalen],
        gemeente=cmd.filters.gemeente,
        event_types=cmd.filters.event_types,
        aangemaakt_op=utcnow(),
    )
    uow.session.add(abonnement)
    await uow.commit()
    return NieuwAbonnementView.model_validate({**AbonnementView.model_validate(abonnement).model_dump(), "geheim": geheim})


async def check_callback(callback_url: str, secret: str, authorization: str, ctx: SubscriptionContext) -> None:
    """As the Notificaties API does: a test notification must be accepted with the given Authorization
    header, and refused (401 or 403) without it, so that nobody else can post to the callback."""
    test = {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": ctx.source,
        "type": TEST_EVENT_TYPE,
        "time": datetime.now(UTC).isoformat(),
        "datacontenttype": "application/json",
        "data": {},
    }
    async with httpx.AsyncClient(timeout=ctx.timeout) as client:
        with_auth = await post_event(client, callback_url, test, secret=secret, authorization=authorization)
        if not with_auth.accepted:
            raise InvalidInput.field(
                "callbackUrl", f"the test notification was not accepted ({with_auth.detail})", code="callback-refused"
            )
        without_auth = await post_event(client, callback_url, test, secret=secret, authorization=None)
    if without_auth.status not in (401, 403):
        raise InvalidInput.field(
            "auth",
            "the callback accepted a test notification without the Authorization header "
            f"({without_auth.detail}); it must refuse it with 401 or 403",
            code="callback-unprotected",
        )


async def lijst(uow: UnitOfWork, who: Principal) -> list[AbonnementView]:
    query = select(Abonnement).where(Abonnement.org_type == who.org_type.value, Abonnement.org_id == who.org_id)
    return [AbonnementView.model_validate(a) for a in await uow.session.scalars(query.order_by(Abonnement.aangemaakt_op))]


async def haal_op(abonnement_id: uuid.UUID, uow: UnitOfWork, who: Principal) -> AbonnementView:
    return AbonnementView.model_validate(owned(await uow.session.get(Abonnement, abonnement_id), who))


async def beeindig(abonnement_id: uuid.UUID, uow: UnitOfWork, who: Principal) -> None:
    abonnement = owned(await uow.session.get(Abonnement, abonnement_id), who)
    await uow.session.execute(delete(Aflevering).where(Aflevering.abonnement_id == abonnement.id))
    await uow.session.delete(abonnement)
    await uow.commit()


async def mislukte_afleveringen(abonnement_id: uuid.UUID, uow: UnitOfWork, who: Principal) -> list[AfleveringView]:
    owned(await uow.session.get(Abonnement, abonnement_id), who)
    query = (
        select(Aflevering, PubliekeGebeurtenis.cloudevent)
        .join(PubliekeGebeurtenis, PubliekeGebeurtenis.volgnummer == Aflevering.volgnummer)
        .where(Aflevering.abonnement_id == abonnement_id, Aflevering.status == Status.failed)
        .order_by(Aflevering.volgnummer)
    )
    return [_view(a, event) for a, event in await uow.session.execute(query)]


async def herbezorg(abonnement_id: uuid.UUID, aflevering_id: uuid.UUID, uow: UnitOfWork, who: Principal) -> AfleveringView:
    """Back in the queue with a fresh retry schedule."""
    owned(await uow.session.get(Abonnement, abonnement_id), who)
    aflevering = await uow.session.get(Aflevering, aflevering_id)
    if aflevering is None or aflevering.abonnement_id != abonnement_id or aflevering.status != Status.failed:
        raise NotFound("no such failed delivery for this subscription")
    aflevering.status, aflevering.pogingen = Status.waiting, 0
    aflevering.volgende_poging_op = aflevering.bijgewerkt_op = utcnow()
    event = await uow.session.get(PubliekeGebeurtenis, aflevering.volgnummer)
    view = _view(aflevering, event.cloudevent if event else {})
    await uow.commit()
    return view


def _view(aflevering: Aflevering, cloudevent: dict[str, Any]) -> AfleveringView:
    return AfleveringView(
        id=aflevering.id,
        status=aflevering.status,
        pogingen=aflevering.pogingen,
        volgende_poging_op=aflevering.volgende_poging_op,
        laatste_fout=aflevering.laatste_fout,
        aangemaakt_op=aflevering.aangemaakt_op,
        bijgewerkt_op=aflevering.bijgewerkt_op,
        gebeurtenis=cloudevent,
    )
