"""Housing's projection of intake's consents (toestemmingen). Consumer handlers: they never commit.

A revocation takes effect as soon as its event is applied; it carries the consent's scope, so it is
recorded even when the grant never arrived."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import select

from housing.adapters.orm import ToestemmingDoel
from housing.adapters.unit_of_work import SqlUnitOfWork
from journey_platform.contracts import consent as ev
from journey_platform.messaging.envelope import CloudEvent

Handler = Callable[[CloudEvent, SqlUnitOfWork], Awaitable[None]]


async def _rows(uow: SqlUnitOfWork, e: ev.ToestemmingVerleend | ev.ToestemmingIngetrokken) -> dict[str, ToestemmingDoel]:
    """The consent's rows, one per purpose, created as the event states them if not yet known."""
    known = {
        row.doel: row
        for row in await uow.session.scalars(
            select(ToestemmingDoel).where(ToestemmingDoel.toestemming_id == e.toestemming_id).with_for_update()
        )
    }
    for doel in e.doelen:
        if doel.value not in known:
            known[doel.value] = ToestemmingDoel(
                toestemming_id=e.toestemming_id,
                doel=doel.value,
                client_id=e.client_id,
                traject_id=e.traject_id,
                ontvanger_type=e.ontvanger_type.value,
                ontvanger_id=e.ontvanger_id,
                geldig_van=e.geldig_van,
                geldig_tot=e.geldig_tot,
                ingetrokken_op=None,
            )
            uow.session.add(known[doel.value])
    return known


def handlers() -> dict[str, Handler]:
    async def on_verleend(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        e = event.payload(ev.ToestemmingVerleend)
        assert isinstance(e, ev.ToestemmingVerleend)
        await _rows(uow, e)

    async def on_ingetrokken(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        e = event.payload(ev.ToestemmingIngetrokken)
        assert isinstance(e, ev.ToestemmingIngetrokken)
        for row in (await _rows(uow, e)).values():
            row.ingetrokken_op = row.ingetrokken_op or e.ingetrokken_op

    return {ev.ToestemmingVerleend.event_type(): on_verleend, ev.ToestemmingIngetrokken.event_type(): on_ingetrokken}
