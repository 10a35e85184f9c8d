"""Check-ins end with the care: when the client's last running stay ends by discharge, when intake closes the
episode or erases the person, every open check-in of the journey is closed (vervallen) with its reason and moment,
in the transaction of the ending, so the watcher never reports one overdue for a client who is no longer there.
docs/episodes.md "Check-ins end with the care"."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select

from placement.adapters.orm import Traject, Trajectcontrole, Verblijf
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain import monitoring as rules
from placement.domain.states import VerblijfStatus


async def lock_journeys(uow: SqlUnitOfWork, traject_ids: Collection[uuid.UUID]) -> None:
    """Closing check-ins and recording an outcome (which plans the next one) both take the journey's row first, so
    a follow-up planned by a concurrent outcome is seen and closed, not left behind."""
    await uow.session.execute(
        select(Traject.id).where(Traject.id.in_(sorted(traject_ids))).order_by(Traject.id).with_for_update()
    )


async def close_open_check_ins(
    uow: SqlUnitOfWork, traject_ids: Collection[uuid.UUID], reason: rules.RedenVervallen, at: datetime
) -> int:
    """Closes the journeys' open check-ins (planned, not taken place, not closed before). Returns how many."""
    if not traject_ids:
        return 0
    await lock_journeys(uow, traject_ids)
    still_open = await uow.session.scalars(
        select(Trajectcontrole)
        .where(
            Trajectcontrole.traject_id.in_(traject_ids),
            Trajectcontrole.uitgevoerd_op.is_(None),
            Trajectcontrole.vervallen_op.is_(None),
        )
        .order_by(Trajectcontrole.id)
        .with_for_update()
    )
    closed = 0
    for check in still_open:
        check.vervallen_op, check.reden_vervallen = at, reason.value
        closed += 1
    return closed


async def close_when_care_ends(uow: SqlUnitOfWork, ended: Verblijf, at: datetime) -> None:
    """After a stay ended: a discharge that leaves no stay running ends the monitoring; a transfer never does."""
    running = await uow.session.scalar(
        select(func.count())
        .select_from(Verblijf)
        .where(Verblijf.traject_id == ended.traject_id, Verblijf.status == VerblijfStatus.actief)
    )
    if rules.discharge_ends_monitoring(ended.status == VerblijfStatus.uitgestroomd, running or 0):
        await close_open_check_ins(uow, [ended.traject_id], rules.RedenVervallen.uitgestroomd, at)
