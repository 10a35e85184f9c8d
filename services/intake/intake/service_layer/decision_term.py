"""The decision term (beslistermijn): the Wmo requires a decision within 8 weeks of the report. A periodic job
signals when 7 days remain and when the term passes (DOMAIN.md, "Screening ... then a decision")."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from intake.adapters.orm import Melding
from intake.domain import rules
from intake.service_layer.handlers import OPEN_STATES
from journey_platform.contracts import intake as ev
from journey_platform.messaging.uow import UnitOfWork


async def signaleer_termijnen(uow: UnitOfWork, today: date) -> int:
    """Emit an event when 7 days remain of a report's decision term, and when it passes."""
    horizon = today + timedelta(days=rules.DEADLINE_WARNING_DAYS)
    due = await uow.session.scalars(
        select(Melding)
        .where(
            Melding.status.in_(OPEN_STATES),
            Melding.beslistermijn <= horizon,
            Melding.termijnsignaal != rules.DeadlineSignal.PASSED,
        )
        .with_for_update()
    )
    emitted = 0
    for melding in due:
        signal = rules.deadline_signal(melding.beslistermijn, today)
        if signal == melding.termijnsignaal:
            continue
        melding.termijnsignaal = signal
        if signal == rules.DeadlineSignal.PASSED:
            uow.publish(
                ev.BeslistermijnVerstreken(
                    traject_id=melding.traject_id,
                    client_id=melding.persoon_id,
                    melding_id=melding.id,
                    beslistermijn=melding.beslistermijn,
                    verantwoordelijke_gemeente=melding.verantwoordelijke_gemeente,
                )
            )
        else:
            uow.publish(
                ev.BeslistermijnNadert(
                    traject_id=melding.traject_id,
                    client_id=melding.persoon_id,
                    melding_id=melding.id,
                    beslistermijn=melding.beslistermijn,
                    dagen_resterend=rules.days_left(melding.beslistermijn, today),
                    verantwoordelijke_gemeente=melding.verantwoordelijke_gemeente,
                )
            )
        emitted += 1
    await uow.commit()
    return emitted
