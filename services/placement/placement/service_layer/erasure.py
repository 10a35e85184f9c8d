"""What placement does when intake erased a person: remove the client's free text, keep the facts.

Support plans keep their versions, life domains, results and who set them; the goals' descriptions and the
client's own view (eigen visie) are blanked. Check-in notes are removed; dates and outcomes stay; open check-ins
close (`persoon-gewist`), off central access's worklist, as housing ends an active aftercare plan. Stays,
refusals and the waiting list hold only ids, codes and dates and are kept for the indicators.
"""

from __future__ import annotations

from sqlalchemy import select, update

from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.messaging.envelope import CloudEvent
from placement.adapters.orm import Ondersteuningsplan, PlanVersie, Traject, Trajectcontrole
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.domain.monitoring import RedenVervallen
from placement.service_layer.check_in_end import close_open_check_ins

ERASED_TEXT = ""


async def on_persoon_gewist(event: CloudEvent, uow: SqlUnitOfWork) -> None:
    erased = event.payload(PersoonGewist)
    assert isinstance(erased, PersoonGewist)
    known = set(await uow.session.scalars(select(Traject.id).where(Traject.client_id == erased.client_id)))
    traject_ids = known | set(erased.traject_ids)
    if not traject_ids:
        return
    plans = select(Ondersteuningsplan.id).where(Ondersteuningsplan.traject_id.in_(traject_ids))
    for version in await uow.session.scalars(select(PlanVersie).where(PlanVersie.plan_id.in_(plans))):
        version.eigen_visie = ERASED_TEXT
        version.doelen = [{**doel, "omschrijving": ERASED_TEXT} for doel in version.doelen]
    await uow.session.execute(update(Trajectcontrole).where(Trajectcontrole.traject_id.in_(traject_ids)).values(notities=None))
    await close_open_check_ins(uow, traject_ids, RedenVervallen.persoon_gewist, erased.gewist_op)
    await uow.forget_late_reasons(traject_ids)
