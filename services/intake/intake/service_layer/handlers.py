"""Intake's context and the report (melding): registering it (the first report of a homeless person opens or joins
an episode), closing it and the responsible municipality. Early signals: early_signals.py; the decision term: decision_term.py.
The later journey steps have modules of their own: screening.py, decision.py, referral.py. Each handler turns one command into state changes
and outbox events in one unit of work."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from intake.adapters.orm import (
    GemeenteWijziging,
    Melding,
    Persoon,
    Traject,
    Verwijzing,
)
from intake.domain import rules
from intake.domain.states import MeldingStatus, TrajectStatus, VerwijzingStatus
from intake.service_layer import commands as c
from intake.service_layer import episodes, policy
from intake.service_layer.context import IntakeContext as IntakeContext  # import_history imports it from here
from intake.service_layer.identity import created_here
from intake.service_layer.persons import PersonKeys, find_or_create_person
from intake.service_layer.views import (
    KortVerblijfView,
    MeldingView,
)
from journey_platform import backdating
from journey_platform.contracts import intake as ev
from journey_platform.errors import Conflict, InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal

OPEN_STATES = (MeldingStatus.open, MeldingStatus.in_onderzoek)


async def melding_view(m: Melding, keys: PersonKeys) -> MeldingView:
    view = MeldingView.model_validate(m)
    view.toelichting = await keys.open(m.persoon_id, m.toelichting)
    if m.kort_verblijf_tot is not None:
        view.kort_verblijf = KortVerblijfView(eindigt_op=m.kort_verblijf_tot, regio_van_herkomst=m.regio_van_herkomst)
    return view


async def open_or_join_journey(
    uow: UnitOfWork, persoon_id: uuid.UUID, gemeente: str, responsible: str, region: str | None, now: datetime
) -> tuple[Traject, bool]:
    """A person has at most one open journey (episode): a new report joins it, or opens one when none is open."""
    return await episodes.open_or_join(uow, persoon_id, gemeente, responsible, region, now, now.astimezone(rules.NL).date())


async def registreer_melding(
    cmd: c.RegistreerMelding, uow: UnitOfWork, who: Principal, ctx: IntakeContext, known_person: uuid.UUID | None = None
) -> MeldingView:
    """A report; `known_person` (the history import: a source's person imported before) names the person outright."""
    reference = ctx.reference
    if not reference.is_known_municipality(cmd.gemeente_melding):
        raise InvalidInput.field("gemeenteMelding", "not a municipality of a region served here", "unknown-municipality")
    if cmd.verantwoordelijke_gemeente and not reference.is_known_municipality(cmd.verantwoordelijke_gemeente):
        raise InvalidInput.field(
            "verantwoordelijkeGemeente", "not a municipality of a region served here", "unknown-municipality"
        )
    now = ctx.clock()
    meld_datum = backdating.day(
        cmd.meld_datum, "meldDatum", now=now, policy=ctx.late, recorder=backdating.Recorder(uow, who, cmd.reden_late_registratie)
    )
    region = reference.region_of(cmd.gemeente_melding)
    origin_region = reference.region_of(cmd.gemeente_van_herkomst)
    responsible = cmd.verantwoordelijke_gemeente or rules.responsible_municipality(
        cmd.gemeente_melding, cmd.gemeente_van_herkomst, origin_region is not None
    )

    async with uow.before_transaction():  # finding the person only reads: no BEGIN round trip for it (issue 18)
        known = await uow.session.get(Persoon, known_person) if known_person is not None else None
        persoon = known if known is not None else await find_or_create_person(uow.session, cmd.persoon, ctx.keyring, now)
    keys = ctx.keys(uow)
    new_person = created_here(uow.session, persoon.id)  # no episode and no earlier report to look up (issue 18)
    traject, new_journey = await episodes.open_or_join(
        uow, persoon.id, cmd.gemeente_melding, responsible, region, now, meld_datum, new_person=new_person, flush=False
    )
    if not new_journey:
        # Woonplaatsbeginsel: decided at the episode's first report; a repeat report never changes it (only the explicit
        # change with a reason does: PUT /trajecten/{trajectId}/verantwoordelijke-gemeente).
        if cmd.verantwoordelijke_gemeente and cmd.verantwoordelijke_gemeente != traject.verantwoordelijke_gemeente:
            raise Conflict(
                f"the journey's responsible municipality is {traject.verantwoordelijke_gemeente}; a repeat report does "
                "not change it (change it with PUT /trajecten/{trajectId}/verantwoordelijke-gemeente and a reason)"
            )
        responsible = traject.verantwoordelijke_gemeente
    earlier = (
        None if new_person else await uow.session.scalar(select(Melding.id).where(Melding.persoon_id == persoon.id).limit(1))
    )
    regional = reference.rules(region)
    short_stay = regional.short_stay
    out_of_region = short_stay is not None and rules.is_out_of_region(region, cmd.gemeente_van_herkomst, origin_region)
    melding = Melding(
        id=uuid.uuid4(),
        traject_id=traject.id,
        persoon_id=persoon.id,
        melder_type=cmd.melder_type.value,
        melder_organisatie=who.org_id,
        situatie=cmd.situatie.value,
        route=cmd.route.value,
        gemeente_melding=cmd.gemeente_melding,
        gemeente_van_herkomst=cmd.gemeente_van_herkomst,
        verantwoordelijke_gemeente=responsible,
        regio=region,
        huishouden_grootte=cmd.huishouden_grootte,
        aantal_kinderen=cmd.aantal_kinderen,
        aandachtspunten=[a.value for a in cmd.aandachtspunten],
        toelichting=await keys.seal(persoon.id, cmd.toelichting),
        meld_datum=meld_datum,
        gemeld_op=now,
        beslistermijn=rules.decision_deadline(meld_datum, regional.decision_term_weeks),
        status=MeldingStatus.open,
        herhaalmelding=earlier is not None,
        termijnsignaal=rules.DeadlineSignal.NONE,
        kort_verblijf_tot=rules.short_stay_ends(now, short_stay.nights, short_stay.checkout_time)
        if short_stay is not None and out_of_region
        else None,
        regio_van_herkomst=origin_region if out_of_region else None,
    )
    uow.session.add(melding)
    uow.publish(
        ev.MeldingGeregistreerd(
            traject_id=traject.id,
            client_id=persoon.id,
            melding_id=melding.id,
            meld_datum=meld_datum,
            gemeld_op=now,
            beslistermijn=melding.beslistermijn,
            melder_type=melding.melder_type,
            situatie=cmd.situatie,
            route=cmd.route,
            gemeente_melding=cmd.gemeente_melding,
            gemeente_van_herkomst=cmd.gemeente_van_herkomst,
            verantwoordelijke_gemeente=responsible,
            regio=region,
            huishouden_grootte=cmd.huishouden_grootte,
            aantal_kinderen=cmd.aantal_kinderen,
            aandachtspunten=list(cmd.aandachtspunten),
            herhaalmelding=melding.herhaalmelding,
            nieuw_traject=new_journey,
            terugval=traject.vorig_traject_id is not None,
            vorig_traject_id=traject.vorig_traject_id,
            dagen_sinds_vorig_traject=traject.dagen_sinds_vorig_traject,
        )
    )
    if short_stay is not None and out_of_region:
        await _warm_transfer_to_origin(uow, melding, region, origin_region, ctx)
        uow.publish(
            ev.KortVerblijfToegekend(
                traject_id=traject.id,
                client_id=persoon.id,
                melding_id=melding.id,
                gemeente_melding=cmd.gemeente_melding,
                regio_melding=region,
                gemeente_van_herkomst=cmd.gemeente_van_herkomst,
                regio_van_herkomst=origin_region,
                nachten=short_stay.nights,
                dagen=short_stay.days,
                eindigt_op=melding.kort_verblijf_tot,
            )
        )
    await uow.commit(one_statement=True)  # a new person's report: its rows, event and log row in one INSERT (issue 18)
    return await melding_view(melding, keys)


async def _warm_transfer_to_origin(
    uow: UnitOfWork, melding: Melding, region: str | None, origin_region: str | None, ctx: IntakeContext
) -> None:
    """A short stay comes with a warm transfer: a referral from this region's central access point to
    that of the region of origin, which accepts or refuses it like any referral."""
    here, there = ctx.reference.region(region or ""), ctx.reference.region(origin_region or "")
    if here is None or there is None:
        return  # origin outside the regions served here: the central access point arranges it by hand
    await uow.session.flush()  # the referral refers to the report
    verwijzing = Verwijzing(
        id=uuid.uuid4(),
        melding_id=melding.id,
        van_organisatie=here.central_access.id,
        naar_organisatie=there.central_access.id,
        status=VerwijzingStatus.open,
        toelichting=None,
        aangemaakt_op=melding.gemeld_op,
        beoordeeld_op=None,
    )
    uow.session.add(verwijzing)
    uow.publish(
        ev.VerwijzingAangemaakt(
            traject_id=melding.traject_id,
            client_id=melding.persoon_id,
            verwijzing_id=verwijzing.id,
            melding_id=melding.id,
            van_organisatie=verwijzing.van_organisatie,
            naar_organisatie=verwijzing.naar_organisatie,
        )
    )


async def _melding_for(
    uow: UnitOfWork, melding_id: uuid.UUID, who: Principal, ctx: IntakeContext, *, lock: bool = False
) -> Melding:
    query = select(Melding).where(Melding.id == melding_id)
    if lock:
        query = query.with_for_update()
    melding = await uow.session.scalar(query)
    if melding is None:
        raise NotFound(f"no report {melding_id}")
    referrals = list(await uow.session.scalars(select(Verwijzing).where(Verwijzing.melding_id == melding_id)))
    policy.ensure_may_see_melding(who, melding, referrals, ctx.reference)
    return melding


def _parse_id(value: str, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise InvalidInput.field(field, "not a UUID", "uuid") from exc


async def get_melding(melding_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> MeldingView:
    return await melding_view(await _melding_for(uow, melding_id, who, ctx), ctx.keys(uow))


async def sluit_melding_af(
    melding_id: uuid.UUID, cmd: c.SluitMeldingAf, uow: UnitOfWork, who: Principal, ctx: IntakeContext
) -> MeldingView:
    policy.ensure_case_worker(who)
    melding = await _melding_for(uow, melding_id, who, ctx, lock=True)
    if melding.status not in OPEN_STATES:
        raise Conflict(f"report is {melding.status}")
    melding.status = MeldingStatus.afgesloten
    melding.afsluitreden = cmd.reden_code
    melding.afgesloten_op = ctx.clock()
    keys = ctx.keys(uow)
    uow.publish(
        ev.MeldingAfgesloten(
            traject_id=melding.traject_id,
            client_id=melding.persoon_id,
            melding_id=melding.id,
            reden_code=cmd.reden_code,
            zonder_vervolg=True,
        )
    )
    await episodes.close_after_report_outcome(uow, melding, melding.afgesloten_op, no_support=False)
    await uow.commit()
    return await melding_view(melding, keys)


async def wijzig_verantwoordelijke_gemeente(
    traject_id: uuid.UUID, cmd: c.WijzigVerantwoordelijkeGemeente, uow: UnitOfWork, who: Principal, ctx: IntakeContext
) -> GemeenteWijziging:
    policy.ensure_case_worker(who)
    traject = await uow.session.scalar(select(Traject).where(Traject.id == traject_id).with_for_update())
    if traject is None:
        raise NotFound(f"no journey {traject_id}")
    policy.ensure_may_see_journey(who, traject, ctx.reference)
    if not ctx.reference.is_known_municipality(cmd.gemeente):
        raise InvalidInput.field("gemeente", "not a municipality of a region served here", "unknown-municipality")
    if cmd.gemeente == traject.verantwoordelijke_gemeente:
        raise Conflict("that municipality is already responsible")
    if traject.status != TrajectStatus.open:
        raise Conflict("the journey is closed; a new report opens a new journey")
    wijziging = GemeenteWijziging(
        id=uuid.uuid4(),
        traject_id=traject.id,
        van_gemeente=traject.verantwoordelijke_gemeente,
        naar_gemeente=cmd.gemeente,
        reden=await ctx.keys(uow).seal(traject.persoon_id, cmd.reden) or "",
        gewijzigd_door=who.org_id,
        gewijzigd_op=ctx.clock(),
    )
    traject.verantwoordelijke_gemeente = cmd.gemeente
    traject.regio = ctx.reference.region_of(cmd.gemeente)
    open_meldingen = await uow.session.scalars(
        select(Melding).where(Melding.traject_id == traject.id, Melding.status.in_(OPEN_STATES))
    )
    for melding in open_meldingen:
        melding.verantwoordelijke_gemeente = cmd.gemeente
    uow.session.add(wijziging)
    uow.publish(
        ev.VerantwoordelijkeGemeenteGewijzigd(
            traject_id=traject.id,
            client_id=traject.persoon_id,
            van_gemeente=wijziging.van_gemeente,
            naar_gemeente=cmd.gemeente,
            regio=traject.regio,
        )
    )
    await uow.commit()
    wijziging.reden = cmd.reden  # the answer shows what was sent; committed sealed, and this unit of work is done
    return wijziging
