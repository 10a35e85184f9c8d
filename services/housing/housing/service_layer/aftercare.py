"""Aftercare (nazorg): the plan for the receiving local team after a move into an own home, its follow-up contacts
and relapse signals. The bounded context and why it lives in housing: docs/aftercare.md. Reading plans, contacts and
the overdue worklist: aftercare_queries.py.

Commands commit; consumer handlers (`handlers`) never do.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import func, select

from housing.adapters.orm import Nazorgcontact, Nazorgplan, Terugvalsignaal, Traject
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain import aftercare as rules
from housing.domain.states import NazorgplanStatus
from housing.service_layer import commands as c
from housing.service_layer.aftercare_queries import contact_view, may_follow_up
from housing.service_layer.context import HousingContext
from housing.service_layer.offers import get_or_404
from housing.service_layer.views import NazorgcontactView, TerugvalsignaalView
from journey_platform import peer_experts
from journey_platform.backdating import Recorder
from journey_platform.contracts import housing as ev
from journey_platform.contracts import intake, placement
from journey_platform.db import utcnow
from journey_platform.dutch_calendar import dutch_date
from journey_platform.errors import Conflict, Forbidden, InvalidInput, NotFound
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.peer_experts import Ervaringsdeskundige
from journey_platform.principal import OrgType, Principal

Handler = Callable[[CloudEvent, SqlUnitOfWork], Awaitable[None]]
ACTIVE = NazorgplanStatus.actief
BW_TYPES = (placement.VoorzieningType.beschermd_wonen.value, placement.VoorzieningType.beschut_wonen.value)
OWN_HOME = (placement.Bestemming.eigen_woning, placement.Bestemming.housing_first)


async def open_plan(
    uow: SqlUnitOfWork,
    ctx: HousingContext,
    *,
    traject_id: uuid.UUID,
    client_id: uuid.UUID,
    bron: ev.NazorgBron,
    bron_id: uuid.UUID,
    gemeente: str,
    started: datetime,
    woning_id: uuid.UUID | None = None,
    verhuurder: str | None = None,
    contactpersoon: c.Contactpersoon | None = None,
    aandachtspunten: list[ev.Aandachtspunt] | None = None,
    ervaringsdeskundige: Ervaringsdeskundige | None = None,
) -> Nazorgplan | None:
    """The aftercare plan for the local team of `gemeente` (the new home's municipality), once per source."""
    if await uow.session.scalar(select(Nazorgplan.id).where(Nazorgplan.bron_id == bron_id)) is not None:
        return None
    regio = ctx.reference.region_of(gemeente)
    schedule = ctx.reference.rules(regio).aftercare
    follow_ups = rules.schedule(started, schedule)
    if uow.imported:  # history: follow-ups whose last day passed before the import ran (or not) in the source system
        today = dutch_date(utcnow())
        follow_ups = [f for f in follow_ups if f.uiterlijk_op >= today]
        if not follow_ups:
            return None  # the aftercare period ended before the import: no live plan, no overdue worklist
    watch = list(dict.fromkeys(aandachtspunten or rules.DEFAULT_WATCH))
    plan = Nazorgplan(
        id=uuid.uuid4(),
        traject_id=traject_id,
        client_id=client_id,
        bron=bron.value,
        bron_id=bron_id,
        gemeente=gemeente,
        regio=regio,
        woning_id=woning_id,
        verhuurder=verhuurder,
        gestart_op=started,
        termijn_dagen=schedule.grace_days,
        contactpersoon_organisatie=contactpersoon.organisatie if contactpersoon else gemeente,
        contactpersoon_rol=contactpersoon.rol if contactpersoon else rules.DEFAULT_ROLE,
        aandachtspunten=[a.value for a in watch],
        status=ACTIVE,
        opgesteld_op=ctx.clock(),
        **peer_experts.event_fields(ervaringsdeskundige),
    )
    uow.session.add(plan)
    await uow.session.flush()  # the plan before its follow-ups: no relationship() tells the flush the order
    for f in follow_ups:
        uow.session.add(
            Nazorgcontact(
                id=uuid.uuid4(),
                nazorgplan_id=plan.id,
                volgnummer=f.volgnummer,
                maanden=f.maanden,
                gepland_op=f.gepland_op,
                uiterlijk_op=f.uiterlijk_op,
                contact_op=None,
                uitkomst=None,
                vastgelegd_door=None,
            )
        )
    uow.publish(
        ev.NazorgplanOpgesteld(
            traject_id=traject_id,
            client_id=client_id,
            nazorgplan_id=plan.id,
            gemeente=gemeente,
            regio=regio,
            bron=bron,
            gestart_op=started,
            contactmomenten=[f.gepland_op for f in follow_ups],
            termijn_dagen=schedule.grace_days,
            contactpersoon_organisatie=plan.contactpersoon_organisatie,
            contactpersoon_rol=plan.contactpersoon_rol,
            aandachtspunten=watch,
            **peer_experts.event_fields(ervaringsdeskundige),
        )
    )
    return plan


def _signal(
    uow: SqlUnitOfWork,
    plan: Nazorgplan,
    bron: ev.TerugvalBron,
    signaal: ev.TerugvalSignaal,
    door: str,
    when: datetime,
    bron_id: uuid.UUID | None = None,
) -> Terugvalsignaal:
    """A relapse signal: recorded, and published so intake opens prevention for the plan's local team at once."""
    row = Terugvalsignaal(
        id=uuid.uuid4(),
        nazorgplan_id=plan.id,
        traject_id=plan.traject_id,
        bron=bron.value,
        signaal=signaal.value,
        bron_id=bron_id,
        gemeld_door=door,
        gemeld_op=when,
    )
    uow.session.add(row)
    uow.publish(
        ev.TerugvalsignaalGemeld(
            traject_id=plan.traject_id,
            client_id=plan.client_id,
            nazorgplan_id=plan.id,
            terugvalsignaal_id=row.id,
            gemeente=plan.gemeente,
            bron=bron,
            signaal=signaal,
            gemeld_door=door,
            gemeld_op=when,
        )
    )
    return row


# --- who may see and do what -------------------------------------------------------------------------------------


async def leg_contact_vast(
    plan_id: uuid.UUID, cmd: c.LegNazorgcontactVast, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext
) -> NazorgcontactView:
    """The local team records a follow-up with its outcome: the one numbered, or the first one still open. An outcome
    terugvalrisico or contact-verloren is a relapse signal at once."""
    plan: Nazorgplan = await get_or_404(uow, Nazorgplan, plan_id, "aftercare plan", lock=True)
    if not may_follow_up(who, plan, ctx):
        raise Forbidden("only the receiving local team (or its central access point) records follow-ups")
    if plan.status != ACTIVE:
        raise Conflict(f"the aftercare plan is {plan.status}")
    open_contacts = Nazorgcontact.nazorgplan_id == plan.id
    query = select(Nazorgcontact).where(open_contacts)
    if cmd.volgnummer is not None:
        query = query.where(Nazorgcontact.volgnummer == cmd.volgnummer)
    else:
        query = query.where(Nazorgcontact.contact_op.is_(None))
    contact = await uow.session.scalar(query.order_by(Nazorgcontact.volgnummer).limit(1).with_for_update())
    if contact is None:
        if cmd.volgnummer is not None:
            raise InvalidInput.field("volgnummer", "the plan has no follow-up with this number", "unknown")
        raise Conflict("every follow-up of this plan is recorded")
    if contact.contact_op is not None:
        raise Conflict(f"follow-up {contact.volgnummer} is already recorded")
    when = ctx.moment(cmd.contact_op, "contactOp", Recorder(uow, who, cmd.reden_late_registratie), plan.gestart_op, "the move")
    contact.contact_op, contact.uitkomst, contact.vastgelegd_door = when, cmd.uitkomst.value, who.org_id
    uow.publish(
        ev.NazorgcontactVastgelegd(
            traject_id=plan.traject_id,
            client_id=plan.client_id,
            nazorgplan_id=plan.id,
            nazorgcontact_id=contact.id,
            volgnummer=contact.volgnummer,
            gepland_op=contact.gepland_op,
            contact_op=when,
            op_tijd=rules.on_time(when, contact.uiterlijk_op),
            uitkomst=cmd.uitkomst,
            gemeente=plan.gemeente,
        )
    )
    if (signaal := rules.relapse_signal(cmd.uitkomst)) is not None:
        _signal(uow, plan, ev.TerugvalBron.nazorgcontact, signaal, who.org_id, when, contact.id)
    remaining = await uow.session.scalar(
        select(func.count())
        .select_from(Nazorgcontact)
        .where(open_contacts, Nazorgcontact.contact_op.is_(None), Nazorgcontact.id != contact.id)
    )
    if not remaining:
        plan.status = NazorgplanStatus.afgerond
    await uow.commit()
    return contact_view(contact, plan, ctx.today())


async def meld_terugvalsignaal(
    cmd: c.MeldTerugvalsignaal, uow: SqlUnitOfWork, who: Principal, ctx: HousingContext
) -> TerugvalsignaalView:
    """An early signal during aftercare: by the corporation that let the home (naming the home), or by the local team
    or its central access point (naming the plan)."""
    if cmd.nazorgplan_id is not None:
        plan: Nazorgplan = await get_or_404(uow, Nazorgplan, cmd.nazorgplan_id, "aftercare plan", lock=True)
    else:
        found = await uow.session.scalar(
            select(Nazorgplan)
            .where(Nazorgplan.woning_id == cmd.woning_id, Nazorgplan.status == ACTIVE)
            .order_by(Nazorgplan.gestart_op.desc())
            .limit(1)
            .with_for_update()
        )
        if found is None:
            raise NotFound(f"no active aftercare plan for home {cmd.woning_id}")
        plan = found
    landlord = who.org_type in (OrgType.woningcorporatie, OrgType.zorgaanbieder) and who.org_id == plan.verhuurder
    if landlord:
        bron = ev.TerugvalBron.woningcorporatie
    elif may_follow_up(who, plan, ctx):
        bron = ev.TerugvalBron.lokaal_team
    else:
        raise Forbidden("only the receiving local team, its central access point or the landlord signals a relapse")
    if plan.status != ACTIVE:
        raise Conflict(f"the aftercare plan is {plan.status}")
    when = ctx.moment(cmd.gemeld_op, "gemeldOp", Recorder(uow, who, cmd.reden_late_registratie), plan.gestart_op, "the move")
    row = _signal(uow, plan, bron, ev.TerugvalSignaal(cmd.signaal.value), who.org_id, when)
    await uow.commit()
    return TerugvalsignaalView.model_validate(row)


# --- what housing follows ----------------------------------------------------------------------------------------


def handlers(ctx: HousingContext) -> dict[str, Handler]:
    async def on_uitgestroomd(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        """A discharge from beschermd wonen to an own home (not housing's own move-in, which made its plan already):
        a plan for the local team of the journey's responsible municipality (the event names no destination
        municipality; docs/aftercare.md)."""
        e = event.payload(placement.Uitgestroomd)
        assert isinstance(e, placement.Uitgestroomd)
        if e.voorziening_type.value not in BW_TYPES or e.bestemming not in OWN_HOME or e.reden_code == "verhuisd":
            return
        journey = await uow.session.get(Traject, e.traject_id)
        if journey is None:
            return
        await open_plan(
            uow,
            ctx,
            traject_id=e.traject_id,
            client_id=e.client_id,
            bron=ev.NazorgBron.uitstroom_bw,
            bron_id=e.verblijf_id,
            gemeente=journey.verantwoordelijke_gemeente,
            started=e.uitgestroomd_op,
        )

    async def on_melding(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        """A new report about a client with an active plan is a relapse signal (once per report): one made after the
        plan started, not the first report of the plan's own journey arriving late."""
        e = event.payload(intake.MeldingGeregistreerd)
        assert isinstance(e, intake.MeldingGeregistreerd)
        plans = await uow.session.scalars(
            select(Nazorgplan).where(Nazorgplan.client_id == e.client_id, Nazorgplan.status == ACTIVE).with_for_update()
        )
        for plan in plans:
            if e.gemeld_op < plan.gestart_op or (e.nieuw_traject and e.traject_id == plan.traject_id):
                continue
            seen = select(Terugvalsignaal.id).where(Terugvalsignaal.bron_id == e.melding_id)
            if await uow.session.scalar(seen) is not None:
                continue
            signaal = ev.TerugvalSignaal.nieuwe_melding
            _signal(uow, plan, ev.TerugvalBron.nieuwe_melding, signaal, "intake", e.gemeld_op, e.melding_id)

    return {placement.Uitgestroomd.event_type(): on_uitgestroomd, intake.MeldingGeregistreerd.event_type(): on_melding}
