"""What intake follows of placement's and housing's events, for the episode's lifecycle only: stays and places on the
central waiting list that keep an episode running, contacts that count as activity, a discharge to another region,
and the confirmed warm handover after a move into a home. Intake keeps no other copy of their facts.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from intake.adapters.orm import Traject
from intake.domain import episode
from intake.domain.episode import Afsluitreden
from intake.service_layer.episodes import EpisodeSettings, close, handover_confirmed, note_activity
from journey_platform.contracts import housing as hv
from journey_platform.contracts import placement as pv
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork

Handler = Callable[[CloudEvent, Any], Awaitable[None]]

# Events that are a stay, contact or decision in the episode without changing what runs in it.
CONTACTS = (
    pv.OpnameGeweigerd,
    pv.KortVerblijfVerlengd,
    pv.ChecklistItemAfgerond,
    pv.OndersteuningsplanVastgesteld,
    pv.WachtlijstAanbodGedaan,
    pv.WachtlijstAanbodAfgewezen,
    pv.TrajectcontroleUitgevoerd,
    pv.UitstroomgereedVerklaard,
    pv.ClientVerhuisdBijAanbiederuitval,
    hv.KandidaatAangemeld,
    hv.AanbodGedaan,
    hv.AanbodGeaccepteerd,
    hv.Verhuisd,
    hv.WarmeOverdrachtGestart,
)


def _running(traject: Traject, add: str | None = None, remove: str | None = None) -> None:
    items = set(traject.lopend or [])
    if add:
        items.add(add)
    if remove:
        items.discard(remove)
    traject.lopend = sorted(items)  # a new list, so the JSON column sees the change


def handlers(settings: EpisodeSettings) -> dict[str, Handler]:
    async def _episode(event: CloudEvent, uow: UnitOfWork) -> Traject | None:
        traject_id = uuid.UUID(event.subject) if event.subject else None
        if traject_id is None:
            return None
        traject = await uow.session.get(Traject, traject_id, with_for_update=True)
        if traject is not None:
            note_activity(traject, event.time)
        return traject

    async def on_contact(event: CloudEvent, uow: UnitOfWork) -> None:
        await _episode(event, uow)

    async def on_stay_started(event: CloudEvent, uow: UnitOfWork) -> None:
        traject = await _episode(event, uow)
        if traject is None:
            return
        if event.type == pv.OpnameGeregistreerd.event_type():
            _running(traject, add=f"verblijf:{event.data['opnameId']}")
        else:
            data: pv.PlaatsingGerealiseerd = event.payload(pv.PlaatsingGerealiseerd)
            previous = f"verblijf:{data.overplaatsing_van}" if data.overplaatsing_van else None
            _running(traject, add=f"verblijf:{data.plaatsing_id}", remove=previous)

    async def on_left(event: CloudEvent, uow: UnitOfWork) -> None:
        data: pv.Uitgestroomd = event.payload(pv.Uitgestroomd)
        traject = await _episode(event, uow)
        if traject is None:
            return
        _running(traject, remove=f"verblijf:{data.verblijf_id}")
        if data.bestemming is pv.Bestemming.andere_regio and not traject.lopend:
            close(uow, traject, Afsluitreden.vertrokken_uit_regio, data.uitgestroomd_op)

    async def on_waitlist(event: CloudEvent, uow: UnitOfWork) -> None:
        traject = await _episode(event, uow)
        if traject is None:
            return
        item = f"wachtlijst:{event.data['wachtlijstId']}"
        if event.type == pv.AangemeldOpWachtlijst.event_type():
            _running(traject, add=item)
        else:
            _running(traject, remove=item)

    async def on_handover_confirmed(event: CloudEvent, uow: UnitOfWork) -> None:
        data: hv.WarmeOverdrachtBevestigd = event.payload(hv.WarmeOverdrachtBevestigd)
        traject = await _episode(event, uow)
        if traject is not None and traject.status == episode.OPEN:
            await handover_confirmed(uow, traject, data.bevestigd_op, settings)

    found: dict[str, Handler] = {c.event_type(): on_contact for c in CONTACTS}
    found[pv.OpnameGeregistreerd.event_type()] = on_stay_started
    found[pv.PlaatsingGerealiseerd.event_type()] = on_stay_started
    found[pv.Uitgestroomd.event_type()] = on_left
    found[pv.AangemeldOpWachtlijst.event_type()] = on_waitlist
    found[pv.WachtlijstVerlaten.event_type()] = on_waitlist
    found[hv.WarmeOverdrachtBevestigd.event_type()] = on_handover_confirmed
    return found


FOLLOWED = tuple(
    {
        *CONTACTS,
        pv.OpnameGeregistreerd,
        pv.PlaatsingGerealiseerd,
        pv.Uitgestroomd,
        pv.AangemeldOpWachtlijst,
        pv.WachtlijstVerlaten,
        hv.WarmeOverdrachtBevestigd,
    }
)
