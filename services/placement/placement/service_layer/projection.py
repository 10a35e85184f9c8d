"""Placement's consumers of intake's events: a local projection of each journey (never intake's tables),
and the central waiting list, which a BW or beschut wonen decision joins by itself."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select

from journey_platform.contracts import intake as iv
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from placement.adapters.orm import Traject, Verblijf, WachtlijstAanmelding
from placement.domain.facilities import waiting_list_kind
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import ACTIVE
from placement.service_layer.waitlist import OFFERED, WAITING, join, leave_with_offer, lock_entry

SHELTERED_HOUSING = (iv.Voorziening.beschermd_wonen, iv.Voorziening.beschut_wonen)


def handlers(ctx: PlacementContext) -> dict[str, Callable[[CloudEvent, Any], Awaitable[None]]]:
    """The consumer's handlers, bound to placement's context (rules, clock)."""

    async def on_melding_geregistreerd(event: CloudEvent, uow: UnitOfWork) -> None:
        data: iv.MeldingGeregistreerd = event.payload(iv.MeldingGeregistreerd)  # type: ignore[assignment]
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

    async def on_kort_verblijf_toegekend(event: CloudEvent, uow: UnitOfWork) -> None:
        data: iv.KortVerblijfToegekend = event.payload(iv.KortVerblijfToegekend)  # type: ignore[assignment]
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            return  # the report comes first on the client's partition; nothing to attach to
        traject.kort_verblijf_tot = data.eindigt_op
        traject.bijgewerkt_op = event.time
        # Admitted before intake's word arrived: the stay becomes the short stay it is.
        for stay in await uow.session.scalars(
            select(Verblijf).where(
                Verblijf.traject_id == traject.id,
                Verblijf.status == ACTIVE,
                Verblijf.soort == "opname",
                Verblijf.bed_en_break.is_(False),
            )
        ):
            stay.kort_verblijf_buiten_regio, stay.uiterlijk_tot, stay.maximum_datum = True, data.eindigt_op, None

    async def on_beschikking_afgegeven(event: CloudEvent, uow: UnitOfWork) -> None:
        data: iv.BeschikkingAfgegeven = event.payload(iv.BeschikkingAfgegeven)  # type: ignore[assignment]
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
        if data.besluit is not iv.Besluit.toekenning or data.voorziening not in SHELTERED_HOUSING:
            return
        kind = data.voorziening.value
        if await _already_waiting_or_housed(uow, traject.id, kind, data.beschikking_id):
            return  # an extension while placed, or a second decision for the same right
        await join(
            uow,
            ctx,
            traject,
            kind=kind,
            besluit_datum=data.besluit_datum,
            urgent=data.urgent,
            youth_care=data.overgang_jeugdzorg,
            beschikking_id=data.beschikking_id,
            melding_id=data.melding_id,
        )

    async def on_melding_afgesloten(event: CloudEvent, uow: UnitOfWork) -> None:
        data: iv.MeldingAfgesloten = event.payload(iv.MeldingAfgesloten)  # type: ignore[assignment]
        entry_ids = list(
            await uow.session.scalars(
                select(WachtlijstAanmelding.id).where(
                    WachtlijstAanmelding.melding_id == data.melding_id, WachtlijstAanmelding.status.in_((WAITING, OFFERED))
                )
            )
        )
        for entry_id in entry_ids:
            entry = await lock_entry(uow, entry_id)
            if entry is not None and entry.status in (WAITING, OFFERED):
                await leave_with_offer(uow, ctx, entry, "melding-afgesloten")

    async def on_verantwoordelijke_gemeente_gewijzigd(event: CloudEvent, uow: UnitOfWork) -> None:
        """The woonplaatsbeginsel moved the client: access follows, and so does his or her place on the list."""
        data: iv.VerantwoordelijkeGemeenteGewijzigd = event.payload(iv.VerantwoordelijkeGemeenteGewijzigd)  # type: ignore[assignment]
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            return
        traject.verantwoordelijke_gemeente, traject.regio, traject.bijgewerkt_op = data.naar_gemeente, data.regio, event.time
        for entry in await uow.session.scalars(
            select(WachtlijstAanmelding).where(
                WachtlijstAanmelding.traject_id == traject.id, WachtlijstAanmelding.status == WAITING
            )
        ):
            entry.gemeente, entry.regio = data.naar_gemeente, data.regio

    async def on_traject_afgesloten(event: CloudEvent, uow: UnitOfWork) -> None:
        """Intake closed the episode: the projection follows, and the client leaves the waiting list."""
        data: iv.TrajectAfgesloten = event.payload(iv.TrajectAfgesloten)  # type: ignore[assignment]
        traject = await uow.session.get(Traject, data.traject_id)
        if traject is None:
            return
        traject.status, traject.afsluitreden, traject.gesloten_op = "gesloten", data.reden_code.value, data.afgesloten_op
        traject.bijgewerkt_op = event.time
        entry_ids = list(
            await uow.session.scalars(
                select(WachtlijstAanmelding.id).where(
                    WachtlijstAanmelding.traject_id == traject.id, WachtlijstAanmelding.status.in_((WAITING, OFFERED))
                )
            )
        )
        for entry_id in entry_ids:
            entry = await lock_entry(uow, entry_id)
            if entry is not None and entry.status in (WAITING, OFFERED):
                await leave_with_offer(uow, ctx, entry, "traject-afgesloten")

    return {
        iv.TrajectAfgesloten.event_type(): on_traject_afgesloten,
        iv.MeldingGeregistreerd.event_type(): on_melding_geregistreerd,
        iv.KortVerblijfToegekend.event_type(): on_kort_verblijf_toegekend,
        iv.BeschikkingAfgegeven.event_type(): on_beschikking_afgegeven,
        iv.MeldingAfgesloten.event_type(): on_melding_afgesloten,
        iv.VerantwoordelijkeGemeenteGewijzigd.event_type(): on_verantwoordelijke_gemeente_gewijzigd,
    }


async def _already_waiting_or_housed(uow: UnitOfWork, traject_id: uuid.UUID, kind: str, beschikking_id: uuid.UUID) -> bool:
    entry = await uow.session.scalar(
        select(WachtlijstAanmelding.id)
        .where(
            WachtlijstAanmelding.traject_id == traject_id,
            (WachtlijstAanmelding.beschikking_id == beschikking_id)
            | ((WachtlijstAanmelding.voorziening == kind) & WachtlijstAanmelding.status.in_((WAITING, OFFERED))),
        )
        .limit(1)
    )
    if entry is not None:
        return True
    stays = await uow.session.scalars(
        select(Verblijf.voorziening_type).where(Verblijf.traject_id == traject_id, Verblijf.status == ACTIVE)
    )
    return any(waiting_list_kind(t) == kind for t in stays)
