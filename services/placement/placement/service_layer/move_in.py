"""Housing's move-in ends the shelter stay: placement follows housing's `verhuisd` event (one truth: housing owns the
move-in, placement owns the stay). Discharge to eigen-woning on the move-in moment, unless beschermd wonen continues
as ambulant support at home."""

from __future__ import annotations

from sqlalchemy import select

from journey_platform.contracts import housing as hv
from journey_platform.contracts import placement as ev
from journey_platform.messaging.consumer import Handler
from journey_platform.messaging.envelope import CloudEvent
from placement.adapters.orm import Traject, Verblijf
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import stays as rules
from placement.domain.states import VerblijfStatus
from placement.service_layer.context import PlacementContext
from placement.service_layer.shared import ACTIVE
from placement.service_layer.stays import Ending, end_stay

MOVED_IN = "verhuisd"


def stays_ended_by_move_in(stays: list[tuple[str, bool]], bw_continues: bool) -> list[int]:
    """Which of the active stays (type, Bed & Break) the move-in ends: all of them, except the BW stay that
    continues as ambulant support (and the Bed & Break next to it, which belongs to that support)."""
    keeps_bw = bw_continues and any(t in rules.SHELTERED_HOUSING_TYPES and not bb for t, bb in stays)
    if keeps_bw:
        return [i for i, (t, bb) in enumerate(stays) if not bb and t not in rules.SHELTERED_HOUSING_TYPES]
    return list(range(len(stays)))


def handlers(ctx: PlacementContext) -> dict[str, Handler]:
    async def on_verhuisd(event: CloudEvent, uow: SqlUnitOfWork) -> None:
        data = event.payload(hv.Verhuisd)
        assert isinstance(data, hv.Verhuisd)
        traject = await uow.session.get(Traject, data.traject_id)
        active = list(
            await uow.session.scalars(
                select(Verblijf)
                .where(Verblijf.traject_id == data.traject_id, Verblijf.status == ACTIVE)
                .order_by(Verblijf.bed_en_break.desc(), Verblijf.id)  # a Bed & Break ends before the stay it is next to
                .with_for_update()
            )
        )
        bw_continues = data.opvang_na_verhuizing is hv.OpvangNaVerhuizing.bw_loopt_door_als_ambulant
        ending = [active[i] for i in stays_ended_by_move_in([(s.voorziening_type, s.bed_en_break) for s in active], bw_continues)]
        for stay in ending:
            moment = max(data.verhuisd_op, stay.opgenomen_op)
            await end_stay(
                uow,
                ctx.at(moment),
                stay,
                Ending(
                    status=VerblijfStatus.uitgestroomd,
                    bestemming=ev.Bestemming.eigen_woning,
                    naar_gemeente=data.gemeente,
                    reden=MOVED_IN,
                    origin=traject.gemeente_van_herkomst if traject is not None else None,
                ),
            )

    return {hv.Verhuisd.event_type(): on_verhuisd}
