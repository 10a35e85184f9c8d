"""What reporting does when intake merged two persons or split a merge (contracts/identity.py): the journeys that
moved, their stored events and their timelines name the client they belong to now. The indicators count unique
persons by the client id in the stored events, so a merged alias and its known person count once, and twice
again after a split; a replay (`make replay`) folds the same journeys from the rewritten history. The merge and
split events themselves are not stored: they are about persons, not about one journey.

Events of a moved journey that arrive later with the other client id are stored under the journey's
(projector._keep_the_journeys_pseudonym), whichever comes first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from journey_platform.identity import moved
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from reporting.adapters.orm import Gebeurtenis, TijdlijnItem, Traject
from reporting.service_layer.stay_rows import refresh
from reporting.service_layer.stored_answers import everything_changed


def _with_client(data: dict[str, Any], client_id: str) -> dict[str, Any] | None:
    return {**data, "clientId": client_id} if "clientId" in data and data["clientId"] != client_id else None


async def on_identity_changed(event: CloudEvent, uow: UnitOfWork) -> None:
    traject_ids, client_id = moved(event)
    if not traject_ids:
        return
    session, new = uow.session, str(client_id)
    for traject in await session.scalars(select(Traject).where(Traject.id.in_(traject_ids))):
        traject.client_id = client_id
    for stored in await session.scalars(select(Gebeurtenis).where(Gebeurtenis.traject_id.in_(traject_ids))):
        if (data := _with_client(stored.data, new)) is not None:
            stored.data = data
    for item in await session.scalars(select(TijdlijnItem).where(TijdlijnItem.traject_id.in_(traject_ids))):
        if (data := _with_client(item.gegevens, new)) is not None:
            item.gegevens = data
    await refresh(session, sorted(traject_ids))  # the stay rows name the client too
    await everything_changed(session)  # unique persons, returns and first times count differently at any date
