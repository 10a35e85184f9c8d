"""What reporting does when intake erased a person: the client becomes unlinkable in its event history.

Reporting holds no personal data, but its stored events name the client's pseudonymous id, the same id as in
intake and on the broker. On `persoon-gewist` every place reporting keeps that id (the journeys, the stored
events, the timelines, the public events, their deliveries and their outbox rows) gets one fresh random id instead,
and the client's open questionnaire invitations are withdrawn: the same for
all of the client's journeys, so unique-person counts and every indicator stay exactly as they were, and a
replay (`make replay`) folds the same journeys from the rewritten history. The erasure event itself is not
stored: it names the old id.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select, update

from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject, messaging
from reporting.experience.adapters.orm import Ervaringsuitnodiging
from reporting.service_layer.stay_rows import refresh
from reporting.subscriptions.adapters.orm import Aflevering, PubliekeGebeurtenis


def _renamed(data: dict[str, Any], old: str, new: str) -> dict[str, Any] | None:
    return {**data, "clientId": new} if data.get("clientId") == old else None


async def on_persoon_gewist(event: CloudEvent, uow: UnitOfWork) -> None:
    erased = event.payload(PersoonGewist)
    assert isinstance(erased, PersoonGewist)
    session = uow.session
    trajecten = list(await session.scalars(select(Traject).where(Traject.client_id == erased.client_id)))
    traject_ids = {t.id for t in trajecten} | set(erased.traject_ids)
    old, new = str(erased.client_id), uuid.uuid4()
    for traject in trajecten:
        traject.client_id = new
    if not traject_ids:
        return
    # A questionnaire invitation not yet answered names the journey: withdrawn (its link answers "unknown" from now
    # on). An answered one has lost its journey already, and its answer never had one (experience/).
    await session.execute(delete(Ervaringsuitnodiging).where(Ervaringsuitnodiging.traject_id.in_(traject_ids)))
    for stored in await session.scalars(select(Gebeurtenis).where(Gebeurtenis.traject_id.in_(traject_ids))):
        if (data := _renamed(stored.data, old, str(new))) is not None:
            stored.data = data
    for item in await session.scalars(select(TijdlijnItem).where(TijdlijnItem.traject_id.in_(traject_ids))):
        if (data := _renamed(item.gegevens, old, str(new))) is not None:
            item.gegevens = data
    await refresh(session, sorted(traject_ids))  # the stay rows name the client too
    for public in await session.scalars(select(PubliekeGebeurtenis).where(PubliekeGebeurtenis.traject_id.in_(traject_ids))):
        if (data := _renamed(public.cloudevent.get("data", {}), old, str(new))) is not None:
            public.cloudevent = {**public.cloudevent, "data": data}
        if public.sleutel == old:
            public.sleutel = str(new)
    await session.execute(update(Aflevering).where(Aflevering.sleutel == old).values(sleutel=str(new)))
    outbox = messaging.outbox  # the public events as sent (or still to send) to the public topics
    for seq, payload in (await session.execute(select(outbox.c.seq, outbox.c.payload).where(outbox.c.message_key == old))).all():
        await session.execute(
            update(outbox).where(outbox.c.seq == seq).values(message_key=str(new), payload=payload.replace(old, str(new)))
        )
