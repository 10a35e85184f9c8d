"""What housing does when intake erased a person. Housing holds no names, BSNs, addresses or notes: a candidate
is a pseudonymous client id with the needs matching uses. What reads as a description of the person goes:
the readable explanations of proposals and offers (the person's needs in words; score and its parts stay) and, once the
client is housed, the target groups (which may reveal e.g. LHBTIQ+) and municipality preferences. The score, the
statuses and the dates stay for the indicators. A candidate still waiting keeps its needs: without them
it cannot be matched (see docs/privacy/erasure.md). An active aftercare plan ends (`beeindigd`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from housing.adapters.orm import Aanbod, Kandidaat, Nazorgplan, Voorstel
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.domain.states import KandidaatStatus, NazorgplanStatus
from journey_platform.contracts.erasure import PersoonGewist
from journey_platform.messaging.envelope import CloudEvent

HOUSED = KandidaatStatus.gehuisvest


def _facts_only(uitleg: dict[str, Any]) -> dict[str, Any]:
    """The score and its parts stay; the summary and the constraints (which name the person's needs) go."""
    return {
        "samenvatting": "",
        "score": uitleg.get("score", 0.0),
        "scoreOpbouw": uitleg.get("scoreOpbouw", {}),
        "voorwaarden": [],
    }


async def on_persoon_gewist(event: CloudEvent, uow: SqlUnitOfWork) -> None:
    erased = event.payload(PersoonGewist)
    assert isinstance(erased, PersoonGewist)
    # aftercare stops: no more follow-ups on any worklist (the plan holds ids and codes only, so it stays for the figures)
    for plan in await uow.session.scalars(
        select(Nazorgplan).where(Nazorgplan.client_id == erased.client_id, Nazorgplan.status == NazorgplanStatus.actief)
    ):
        plan.status = NazorgplanStatus.beeindigd
    kandidaten = list(await uow.session.scalars(select(Kandidaat).where(Kandidaat.client_id == erased.client_id)))
    if not kandidaten:
        return
    ids = [k.id for k in kandidaten]
    await uow.forget_late_reasons({k.traject_id for k in kandidaten} | set(erased.traject_ids))
    for row in [
        *await uow.session.scalars(select(Voorstel).where(Voorstel.kandidaat_id.in_(ids))),
        *await uow.session.scalars(select(Aanbod).where(Aanbod.kandidaat_id.in_(ids))),
    ]:
        row.uitleg = _facts_only(row.uitleg)
    for kandidaat in kandidaten:
        if kandidaat.status == HOUSED:
            kandidaat.doelgroepen, kandidaat.gemeente_voorkeuren = [], []
