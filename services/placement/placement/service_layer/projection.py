"""Placement's consumers of intake's events: a local projection of each journey (never intake's tables). What the
events mean for the central waiting list (a BW or beschut wonen grant joins it; a closure leaves it) is waitlist.py's."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select

from journey_platform.contracts import intake as iv
from journey_platform.messaging.envelope import CloudEvent
from placement.adapters.orm import Traject, Verblijf
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import stays as rules
from placement.domain.monitoring import RedenVervallen
from placement.domain.states import TrajectStatus
from placement.service_layer import waitlist
from placement.service_layer.check_in_end import close_open_check_ins
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import ACTIVE
from placement.service_layer.stays import apply_acute_maximum, stay_region


def handlers(ctx: PlacementContext) -> dict[str, Callable[[CloudEvent, Any], Awaitable[None]]]:
    """The consumer's handlers, bound to placement's context (rules, clock)."""

    async def on_melding_geregistreerd(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        data: iv.MeldingGeregistreerd = event.payload(iv.MeldingGeregistreerd)
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            traject = Traject(
                id=data.traject_id,
                client_id=data.client_id,
                verantwoordelijke_gemeente=data.verantwoordelijke_gemeente,
                regio=data.regio,
                gemeente_melding=data.gemeente_melding,
                huishouden_grootte=data.huishouden_grootte,
                aandachtspunten=[],
                bijgewerkt_op=event.time,
            )
            uow.session.add(traject)
        traject.gemeente_van_herkomst = traject.gemeente_van_herkomst or data.gemeente_van_herkomst
        traject.huishouden_grootte = data.huishouden_grootte
        traject.aandachtspunten = sorted(set(traject.aandachtspunten or []) | {a.value for a in data.aandachtspunten})
        traject.bijgewerkt_op = event.time

    async def on_kort_verblijf_toegekend(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        data: iv.KortVerblijfToegekend = event.payload(iv.KortVerblijfToegekend)
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            return  # the report comes first on the client's partition; nothing to attach to
        traject.bijgewerkt_op = event.time
        if traject.kort_verblijf_opgeheven is not None:
            return  # central access already made the client the region's: the limit no longer applies
        traject.kort_verblijf = True
        # Admitted before intake's word arrived: the stay becomes the short stay it is, counted from its admission.
        for stay in await uow.session.scalars(
            select(Verblijf).where(
                Verblijf.traject_id == traject.id,
                Verblijf.status == ACTIVE,
                Verblijf.soort == "opname",
                Verblijf.bed_en_break.is_(False),
            )
        ):
            short = ctx.reference.rules(stay_region(ctx, stay.gemeente)).short_stay
            if short is None:
                continue
            ends = rules.short_stay_end(stay.opgenomen_op, short.nights, short.checkout_time)
            if traject.kort_verblijf_tot is None or ends < traject.kort_verblijf_tot:
                traject.kort_verblijf_tot = ends
            stay.kort_verblijf_buiten_regio, stay.uiterlijk_tot, stay.maximum_datum = True, ends, None

    async def on_beschikking_afgegeven(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        data: iv.BeschikkingAfgegeven = event.payload(iv.BeschikkingAfgegeven)
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            traject = Traject(
                id=data.traject_id,
                client_id=data.client_id,
                aandachtspunten=[],
                huishouden_grootte=1,
                verantwoordelijke_gemeente=data.verantwoordelijke_gemeente,
                regio=data.regio,
                bijgewerkt_op=event.time,
            )
            uow.session.add(traject)
            await uow.session.flush()
        # The responsible municipality is intake's: set by the journey's first report and by its explicit change, never
        # taken from a decision (on_melding_geregistreerd, on_verantwoordelijke_gemeente_gewijzigd).
        traject.bijgewerkt_op = event.time
        granted = data.voorziening.value if data.besluit is iv.Besluit.toekenning and data.voorziening else None
        # Only a grant lifts it here: the responsible municipality on a decision may be the rule's default (the
        # reporting municipality for someone from a region not served here), not central access's choice.
        await lift_short_stay(uow, ctx, traject, granted, None)
        await waitlist.join_on_decision(uow, ctx, traject, data)

    async def on_melding_afgesloten(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        data: iv.MeldingAfgesloten = event.payload(iv.MeldingAfgesloten)
        await waitlist.leave_on_report_closed(uow, ctx, data.melding_id)

    async def on_verantwoordelijke_gemeente_gewijzigd(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        """The woonplaatsbeginsel moved the client: access follows, and so does his or her place on the list."""
        data: iv.VerantwoordelijkeGemeenteGewijzigd = event.payload(iv.VerantwoordelijkeGemeenteGewijzigd)
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            return
        traject.verantwoordelijke_gemeente, traject.regio, traject.bijgewerkt_op = data.naar_gemeente, data.regio, event.time
        await lift_short_stay(uow, ctx, traject, None, ctx.reference.region_of(data.naar_gemeente))
        await waitlist.follow_responsible_municipality(uow, traject)

    async def on_traject_afgesloten(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        """Intake closed the episode: the projection follows, the client leaves the waiting list, and open check-ins
        close (nobody is asked any more how a closed episode goes)."""
        data: iv.TrajectAfgesloten = event.payload(iv.TrajectAfgesloten)
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            return
        traject.status, traject.afsluitreden, traject.gesloten_op = (
            TrajectStatus.gesloten,
            data.reden_code.value,
            data.afgesloten_op,
        )
        traject.bijgewerkt_op = event.time
        await waitlist.leave_on_journey_closed(uow, ctx, traject.id)
        await close_open_check_ins(uow, [traject.id], RedenVervallen.traject_afgesloten, data.afgesloten_op)

    return {
        iv.TrajectAfgesloten.event_type(): on_traject_afgesloten,
        iv.MeldingGeregistreerd.event_type(): on_melding_geregistreerd,
        iv.KortVerblijfToegekend.event_type(): on_kort_verblijf_toegekend,
        iv.BeschikkingAfgegeven.event_type(): on_beschikking_afgegeven,
        iv.MeldingAfgesloten.event_type(): on_melding_afgesloten,
        iv.VerantwoordelijkeGemeenteGewijzigd.event_type(): on_verantwoordelijke_gemeente_gewijzigd,
    }


async def lift_short_stay(
    uow: SqlUnitOfWork, ctx: PlacementContext, traject: Traject, granted: str | None, responsible_region: str | None
) -> None:
    """Central access granted MO or BW, or made a municipality inside the region responsible: the short-stay limit
    no longer applies to later admissions, and a running short stay becomes an ordinary stay."""
    if not traject.kort_verblijf:
        return
    short_stay_region = ctx.reference.region_of(traject.gemeente_melding)
    reason = rules.short_stay_lifted_by(granted, responsible_region, short_stay_region)
    if reason is None:
        return
    traject.kort_verblijf, traject.kort_verblijf_opgeheven = False, reason
    for stay in await uow.session.scalars(
        select(Verblijf).where(
            Verblijf.traject_id == traject.id, Verblijf.status == ACTIVE, Verblijf.kort_verblijf_buiten_regio.is_(True)
        )
    ):
        # no longer a short stay: the watcher must not discharge it as one (the admission event still counts it)
        stay.kort_verblijf_buiten_regio, stay.uiterlijk_tot = False, None
        if rules.is_acute_stay(stay.voorziening_type):
            apply_acute_maximum(stay, ctx, ctx.reference.rules(stay_region(ctx, stay.gemeente)).acute_stay_max_weeks)
