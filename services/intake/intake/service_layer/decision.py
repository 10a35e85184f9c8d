"""The Wmo decision (beschikking) on a report: granting shelter or sheltered housing, local support or no support
(DOMAIN.md, "decision"), with the BW new-client rule (docs/regional-rules.md)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from intake.adapters.orm import (
    Beschikking,
    BwGebruik,
    Melding,
    Traject,
)
from intake.domain import rules
from intake.domain.states import MeldingStatus
from intake.service_layer import commands as c
from intake.service_layer import episodes, policy
from intake.service_layer.context import IntakeContext
from intake.service_layer.handlers import OPEN_STATES, _melding_for, _parse_id
from intake.service_layer.views import (
    BeschikkingView,
)
from journey_platform import backdating
from journey_platform.contracts import intake as ev
from journey_platform.errors import Conflict, InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal


async def neem_besluit(cmd: c.NeemBesluit, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> BeschikkingView:
    policy.ensure_case_worker(who)
    melding = await _melding_for(uow, _parse_id(cmd.melding_id, "meldingId"), who, ctx, lock=True)
    if melding.status not in OPEN_STATES:
        raise Conflict(f"report is {melding.status}; a decision needs an open report")
    besluit_datum = backdating.day(
        cmd.besluit_datum,
        "besluitDatum",
        now=ctx.clock(),
        policy=ctx.late,
        recorder=backdating.Recorder(uow, who, cmd.reden_late_registratie, melding.traject_id),
    )
    if besluit_datum < melding.meld_datum:
        raise InvalidInput.field("besluitDatum", "lies before the report date", "before-report")
    region = ctx.reference.region_of(melding.verantwoordelijke_gemeente) or melding.regio
    new_client: rules.NewClientOutcome | None = None
    if cmd.voorziening in BW_KINDS:
        new_client = await bw_new_client(uow, melding, ctx)
    nieuwe_client = new_client.new if new_client else None
    beschikking = Beschikking(
        id=uuid.uuid4(),
        melding_id=melding.id,
        traject_id=melding.traject_id,
        persoon_id=melding.persoon_id,
        besluit=cmd.besluit.value,
        voorziening=cmd.voorziening.value if cmd.voorziening else None,
        soort=cmd.soort.value if cmd.soort else None,
        geldig_van=cmd.geldig_van,
        geldig_tot=cmd.geldig_tot,
        besluit_datum=besluit_datum,
        binnen_termijn=besluit_datum <= melding.beslistermijn,
        nieuwe_client=nieuwe_client,
        nieuwe_client_grond=new_client.ground if new_client else None,
        nieuwe_client_feit_op=new_client.fact_on if new_client else None,
        reden_code=cmd.reden_code,
        toelichting=await ctx.keys(uow).seal(melding.persoon_id, cmd.toelichting),
        urgent=cmd.urgent,
        overgang_jeugdzorg=cmd.overgang_jeugdzorg,
        regio=region,
        afgegeven_door=who.org_id,
        afgegeven_op=ctx.clock(),
    )
    melding.status = MeldingStatus.besloten
    uow.session.add(beschikking)
    traject = await uow.session.get(Traject, melding.traject_id)
    if traject is not None:
        episodes.note_activity(traject, beschikking.afgegeven_op)
    uow.publish(
        ev.BeschikkingAfgegeven(
            traject_id=melding.traject_id,
            client_id=melding.persoon_id,
            beschikking_id=beschikking.id,
            melding_id=melding.id,
            besluit=cmd.besluit,
            voorziening=cmd.voorziening,
            soort=beschikking.soort,
            geldig_van=cmd.geldig_van,
            geldig_tot=cmd.geldig_tot,
            besluit_datum=besluit_datum,
            binnen_termijn=beschikking.binnen_termijn,
            nieuwe_client=nieuwe_client,
            verantwoordelijke_gemeente=melding.verantwoordelijke_gemeente,
            regio=region,
            reden_code=cmd.reden_code,
            urgent=cmd.urgent,
            overgang_jeugdzorg=cmd.overgang_jeugdzorg,
            nieuwe_client_grond=beschikking.nieuwe_client_grond,
            nieuwe_client_feit_op=beschikking.nieuwe_client_feit_op,
        )
    )
    if cmd.besluit is ev.Besluit.geen_ondersteuning:
        await uow.session.flush()  # the decision counts among the episode's
        await episodes.close_after_report_outcome(uow, melding, beschikking.afgegeven_op, no_support=True)
    await uow.commit()
    return BeschikkingView.model_validate(beschikking).model_copy(update={"toelichting": cmd.toelichting})


BW_KINDS = (ev.Voorziening.beschermd_wonen, ev.Voorziening.beschut_wonen)


async def bw_new_client(uow: UnitOfWork, melding: Melding, ctx: IntakeContext) -> rules.NewClientOutcome:
    """Seed 003 4.1 fn 5, counted back from the day the client reported (meldDatum), in the region where he or
    she reports (the report's region): (a) the person's other BW applications, decided or not (a report screened
    as a BW application, or one with a BW decision); (b) actual BW stays from placement's events."""
    kinds = [k.value for k in BW_KINDS]
    decided = select(Beschikking.melding_id).where(Beschikking.voorziening.in_(kinds))
    applied = await uow.session.scalars(
        select(Melding.meld_datum).where(
            Melding.persoon_id == melding.persoon_id,
            Melding.id != melding.id,
            Melding.aangevraagde_voorziening.in_(kinds) | Melding.id.in_(decided),
        )
    )
    uses = await uow.session.scalars(select(BwGebruik).where(BwGebruik.persoon_id == melding.persoon_id))
    settings = ctx.reference.rules(melding.regio).bw_new_client
    return rules.bw_new_client(
        [rules.BwApplication(applied_on=d) for d in applied],
        [rules.BwUse(region=u.regio, start=u.van, end=u.tot) for u in uses],
        melding.regio,
        melding.meld_datum,
        settings.application_lookback_days,
        settings.use_lookback_days,
    )


async def get_beschikking(beschikking_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> BeschikkingView:
    beschikking = await uow.session.get(Beschikking, beschikking_id)
    if beschikking is None:
        raise NotFound(f"no decision {beschikking_id}")
    await _melding_for(uow, beschikking.melding_id, who, ctx)
    toelichting = await ctx.keys(uow).open(beschikking.persoon_id, beschikking.toelichting)
    return BeschikkingView.model_validate(beschikking).model_copy(update={"toelichting": toelichting})
