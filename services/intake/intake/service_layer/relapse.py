"""A relapse signal during aftercare (housing's `terugvalsignaal-gemeld`) opens prevention at once: a prevention case
for the local team of the aftercare plan's municipality, in the person's open episode (or a new one when the episode
already closed). Seed 003 appendix 2: most relapses are preventable; docs/aftercare.md."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from intake.adapters.orm import Persoon, Preventiezaak
from intake.domain.states import PreventiezaakStatus
from intake.service_layer.handlers import open_or_join_journey
from journey_platform.contracts import housing as hv
from journey_platform.contracts import intake as ev
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.reference import ReferenceData

Handler = Callable[[CloudEvent, Any], Awaitable[None]]
# One prevention case per relapse signal, also when the event is delivered twice (its id follows the signal's).
CASE_IDS = uuid.UUID("5b0c6f8e-6a43-4d0c-9d63-0f6e3b6b8a11")


def signal_type(signaal: hv.TerugvalSignaal) -> str:
    return f"terugval-{signaal.value}"


def handlers(reference: ReferenceData) -> dict[str, Handler]:
    async def on_terugvalsignaal(event: CloudEvent, uow: UnitOfWork) -> None:
        e = event.payload(hv.TerugvalsignaalGemeld)
        assert isinstance(e, hv.TerugvalsignaalGemeld)
        case_id = uuid.uuid5(CASE_IDS, str(e.terugvalsignaal_id))
        if await uow.session.get(Preventiezaak, case_id) is not None:
            return
        if await uow.session.get(Persoon, e.client_id) is None:  # erased, or never known here
            return
        traject, _ = await open_or_join_journey(
            uow, e.client_id, e.gemeente, e.gemeente, reference.region_of(e.gemeente), e.gemeld_op
        )
        zaak = Preventiezaak(
            id=case_id,
            traject_id=traject.id,
            persoon_id=e.client_id,
            gemeente=e.gemeente,
            woningcorporatie=e.gemeld_door,
            signaal_type=signal_type(e.signaal),
            huishouden_grootte=1,  # not known from the signal; the local team records the household in the case
            woning_nodig=False,  # the client still has the home aftercare is about
            toelichting=None,
            status=PreventiezaakStatus.open,
            geopend_op=e.gemeld_op,
        )
        uow.session.add(zaak)
        uow.publish(
            ev.PreventiezaakGeopend(
                traject_id=traject.id,
                client_id=e.client_id,
                preventiezaak_id=zaak.id,
                signaal_type=zaak.signaal_type,
                gemeente=e.gemeente,
                woningcorporatie=e.gemeld_door,
                huishouden_grootte=1,
                woning_nodig=False,
            )
        )

    return {hv.TerugvalsignaalGemeld.event_type(): on_terugvalsignaal}
