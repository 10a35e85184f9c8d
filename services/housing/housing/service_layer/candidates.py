"""Candidates from other services' events: placement's ready-to-leave, intake's prevention cases that need
a home, and a change of responsible municipality. Consumer handlers: they never commit."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import select

from housing.adapters.orm import Kandidaat, Traject
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain.states import KandidaatStatus, TrajectStatus
from housing.service_layer.context import HousingContext
from housing.service_layer.pool import lock_pool, mark_changed
from journey_platform.contracts import housing as ev
from journey_platform.contracts import intake, placement
from journey_platform.messaging.envelope import CloudEvent

OPEN = (KandidaatStatus.wachtend, KandidaatStatus.aanbod, KandidaatStatus.toegewezen)
Handler = Callable[[CloudEvent, SqlUnitOfWork], Awaitable[None]]


async def _open_candidate(uow: SqlUnitOfWork, traject_id: uuid.UUID) -> Kandidaat | None:
    return await uow.session.scalar(
        select(Kandidaat).where(Kandidaat.traject_id == traject_id, Kandidaat.status.in_(OPEN)).with_for_update()
    )


def _announce(uow: SqlUnitOfWork, k: Kandidaat) -> None:
    uow.publish(
        ev.KandidaatAangemeld(
            traject_id=k.traject_id,
            client_id=k.client_id,
            kandidaat_id=k.id,
            uitstroomgereed_op=k.uitstroomgereed_op,
            gemeente=k.verantwoordelijke_gemeente,
            regio=k.regio,
            bron=k.bron,
        )
    )


def ran_in(e: placement.UitstroomgereedVerklaard) -> dict[str, str]:
    """Where each item of the warm handover ran, as recorded with the stay (only those recorded)."""
    recorded = {
        ev.TeRegelen.inkomen.value: e.uitkering_gemeente,
        ev.TeRegelen.schuldhulpverlening.value: e.schuldhulpverlening_gemeente,
        ev.TeRegelen.inrichtingskosten.value: e.inrichtingskosten_gemeente,
        ev.TeRegelen.inschrijving.value: e.inschrijving_gemeente,
    }
    return {item: code for item, code in recorded.items() if code is not None}


def handlers(ctx: HousingContext) -> dict[str, Handler]:
    async def on_uitstroomgereed(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        e = event.payload(placement.UitstroomgereedVerklaard)
        assert isinstance(e, placement.UitstroomgereedVerklaard)
        await lock_pool(uow)  # before the candidate's row: the same order as offers take
        needs = {
            "gemeente_van_herkomst": e.gemeente_van_herkomst,
            "verantwoordelijke_gemeente": e.verantwoordelijke_gemeente,
            "regio": e.regio,
            "huishouden_grootte": e.huishouden_grootte,
            "max_huur": e.max_huur,
            "huisdieren": e.huisdieren,
            "rolstoeltoegankelijk": e.rolstoeltoegankelijk,
            "begeleidingsintensiteit": e.begeleidingsintensiteit,
            "jongvolwassene": e.jongvolwassene_18_23,
            "doelgroepen": [g.value for g in e.doelgroepen],
            "gemeente_voorkeuren": list(e.gemeente_voorkeuren),
            "herkomst_volgens_plan": e.terugkeer_naar_herkomst,
            "lopend_in": ran_in(e),
            "urgent": e.urgent,
            "housing_first": e.housing_first,
        }
        journey = await uow.session.get(Traject, e.traject_id)
        if journey is not None:  # intake's word on responsibility, not placement's copy of it
            needs["verantwoordelijke_gemeente"], needs["regio"] = journey.verantwoordelijke_gemeente, journey.regio
        existing = await _open_candidate(uow, e.traject_id)
        if existing is not None:  # declared ready again: the needs as now recorded count, the waiting time stays
            for name, value in needs.items():
                setattr(existing, name, value)
        else:
            existing = Kandidaat(
                id=uuid.uuid4(),
                traject_id=e.traject_id,
                client_id=e.client_id,
                bron="uitstroomgereed",
                bron_id=None,
                uitstroomgereed_op=e.verklaard_op,
                status=KandidaatStatus.wachtend,
                termijn_overschreden_op=None,
                aangemeld_op=ctx.clock(),
                gehuisvest_op=None,
                **needs,
            )
            uow.session.add(existing)
            _announce(uow, existing)
        await mark_changed(uow, ctx.clock())

    async def on_preventiezaak(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        e = event.payload(intake.PreventiezaakGeopend)
        assert isinstance(e, intake.PreventiezaakGeopend)
        await _follow_journey(uow, e.traject_id, e.client_id, e.gemeente, None, e.gemeente)
        if not e.woning_nodig:
            return
        await lock_pool(uow)
        if await _open_candidate(uow, e.traject_id) is not None:
            return
        kandidaat = _prevention_candidate(e, event.time, ctx)
        uow.session.add(kandidaat)
        _announce(uow, kandidaat)
        await mark_changed(uow, ctx.clock())

    async def on_gemeente_gewijzigd(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        e = event.payload(intake.VerantwoordelijkeGemeenteGewijzigd)
        assert isinstance(e, intake.VerantwoordelijkeGemeenteGewijzigd)
        journey = await _follow_journey(uow, e.traject_id, e.client_id, e.naar_gemeente, e.regio)
        journey.verantwoordelijke_gemeente, journey.regio = e.naar_gemeente, e.regio
        kandidaat = await _open_candidate(uow, e.traject_id)
        if kandidaat is not None:
            kandidaat.verantwoordelijke_gemeente, kandidaat.regio = e.naar_gemeente, e.regio

    async def on_melding(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        e = event.payload(intake.MeldingGeregistreerd)
        assert isinstance(e, intake.MeldingGeregistreerd)
        await _follow_journey(uow, e.traject_id, e.client_id, e.verantwoordelijke_gemeente, e.regio, e.gemeente_melding)

    async def on_traject_afgesloten(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        """Intake closed the episode: a candidate still waiting (no offer yet) leaves the pool. One with an offer keeps
        it; the coordinator withdraws it by hand."""
        e = event.payload(intake.TrajectAfgesloten)
        assert isinstance(e, intake.TrajectAfgesloten)
        journey = await _follow_journey(uow, e.traject_id, e.client_id, e.verantwoordelijke_gemeente, None)
        journey.status, journey.afsluitreden, journey.gesloten_op = TrajectStatus.gesloten, e.reden_code.value, e.afgesloten_op
        await lock_pool(uow)
        kandidaat = await _open_candidate(uow, e.traject_id)
        if kandidaat is not None and kandidaat.status == KandidaatStatus.wachtend:
            kandidaat.status = KandidaatStatus.afgemeld
            await mark_changed(uow, ctx.clock())

    return {
        intake.MeldingGeregistreerd.event_type(): on_melding,
        intake.TrajectAfgesloten.event_type(): on_traject_afgesloten,
        placement.UitstroomgereedVerklaard.event_type(): on_uitstroomgereed,
        intake.PreventiezaakGeopend.event_type(): on_preventiezaak,
        intake.VerantwoordelijkeGemeenteGewijzigd.event_type(): on_gemeente_gewijzigd,
    }


async def _follow_journey(
    uow: SqlUnitOfWork,
    traject_id: uuid.UUID,
    client_id: uuid.UUID,
    responsible: str,
    region: str | None,
    reported: str | None = None,
) -> Traject:
    """The journey as intake decided it: created by its first event, never changed by a repeat report."""
    journey = await uow.session.get(Traject, traject_id, with_for_update=True)
    if journey is None:
        journey = Traject(
            id=traject_id,
            client_id=client_id,
            gemeente_melding=reported,
            verantwoordelijke_gemeente=responsible,
            regio=region,
            status=TrajectStatus.open,
        )
        uow.session.add(journey)
    journey.gemeente_melding = journey.gemeente_melding or reported
    return journey


def _prevention_candidate(e: intake.PreventiezaakGeopend, opened: datetime, ctx: HousingContext) -> Kandidaat:
    """A household threatened with eviction that needs another home: urgent, within the rent-benefit ceiling
    (no other needs are known yet; the local team refines them in the support plan)."""
    return Kandidaat(
        id=uuid.uuid4(),
        traject_id=e.traject_id,
        client_id=e.client_id,
        bron="preventie",
        bron_id=e.preventiezaak_id,
        uitstroomgereed_op=opened,
        gemeente_van_herkomst=e.gemeente,
        verantwoordelijke_gemeente=e.gemeente,
        regio=ctx.reference.region_of(e.gemeente),
        huishouden_grootte=e.huishouden_grootte,
        max_huur=ctx.settings.rent_ceiling_adult,
        huisdieren=False,
        rolstoeltoegankelijk=False,
        begeleidingsintensiteit="laag",
        jongvolwassene=False,
        doelgroepen=[],
        gemeente_voorkeuren=[e.gemeente],
        herkomst_volgens_plan=False,
        lopend_in={},
        urgent=True,
        housing_first=False,
        status=KandidaatStatus.wachtend,
        termijn_overschreden_op=None,
        aangemeld_op=ctx.clock(),
        gehuisvest_op=None,
    )
