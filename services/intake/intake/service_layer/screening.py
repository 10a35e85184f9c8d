"""Screening (onderzoek): the central access point or local team starts the inquiry into a reported person's need
of support (DOMAIN.md, "screening"); the report moves on from open."""

from __future__ import annotations

import uuid

from intake.adapters.orm import (
    Onderzoek,
    Traject,
)
from intake.domain.states import MeldingStatus
from intake.service_layer import commands as c
from intake.service_layer import episodes, policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.handlers import _melding_for, _parse_id
from intake.service_layer.views import (
    OnderzoekView,
)
from journey_platform.contracts import intake as ev
from journey_platform.errors import Conflict
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal


async def start_onderzoek(cmd: c.StartOnderzoek, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> OnderzoekView:
    policy.ensure_case_worker(who)
    melding = await _melding_for(uow, _parse_id(cmd.melding_id, "meldingId"), who, ctx, lock=True)
    if melding.status != MeldingStatus.open:
        raise Conflict(f"report is {melding.status}; screening starts on an open report")
    keys = ctx.keys(uow)
    onderzoek = Onderzoek(
        id=uuid.uuid4(),
        melding_id=melding.id,
        uitgevoerd_door=who.org_id,
        met_psychiater=cmd.met_psychiater,
        notities=await keys.seal(melding.persoon_id, cmd.notities),
        gestart_op=ctx.clock(),
    )
    melding.status = MeldingStatus.in_onderzoek
    if cmd.aanvraag_voorziening is not None:
        melding.aangevraagde_voorziening = cmd.aanvraag_voorziening.value
    uow.session.add(onderzoek)
    traject = await uow.session.get(Traject, melding.traject_id)
    if traject is not None:
        episodes.note_activity(traject, onderzoek.gestart_op)
    uow.publish(
        ev.OnderzoekGestart(
            traject_id=melding.traject_id,
            client_id=melding.persoon_id,
            onderzoek_id=onderzoek.id,
            melding_id=melding.id,
            uitgevoerd_door=who.org_id,
            met_psychiater=cmd.met_psychiater,
        )
    )
    await uow.commit()
    return OnderzoekView.model_validate(onderzoek).model_copy(update={"notities": cmd.notities})
