"""Intake follows placement's BW stays for the BW new-client rule (seed 003 4.1 fn 5, part b: "geen gebruik heeft
gemaakt van een BW-voorziening in de regio waar hij/zij zich meldt"): the actual stays, not open-ended decisions.
Placement owns the stays; intake keeps only the person, the region and the Dutch days."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from intake.adapters.orm import BwGebruik
from intake.domain.rules import NL
from journey_platform.contracts import placement as pv
from journey_platform.messaging.consumer import Handler
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork

BW_TYPES = frozenset({pv.VoorzieningType.beschermd_wonen, pv.VoorzieningType.beschut_wonen})


def _day(moment: datetime) -> date:
    return moment.astimezone(NL).date()


async def _started(
    uow: UnitOfWork, verblijf_id: uuid.UUID, persoon_id: uuid.UUID, traject_id: uuid.UUID, region: str | None, at: datetime
) -> None:
    if await uow.session.get(BwGebruik, verblijf_id) is None:
        uow.session.add(
            BwGebruik(verblijf_id=verblijf_id, persoon_id=persoon_id, traject_id=traject_id, regio=region, van=_day(at), tot=None)
        )


async def _ended(uow: UnitOfWork, verblijf_id: uuid.UUID, at: datetime) -> None:
    use = await uow.session.get(BwGebruik, verblijf_id)
    if use is not None and use.tot is None:
        use.tot = _day(at)


async def on_plaatsing(event: CloudEvent, uow: UnitOfWork) -> None:
    data = event.payload(pv.PlaatsingGerealiseerd)
    assert isinstance(data, pv.PlaatsingGerealiseerd)
    if data.overplaatsing_van is not None:
        await _ended(uow, data.overplaatsing_van, data.geplaatst_op)
    if data.voorziening_type in BW_TYPES:
        await _started(uow, data.plaatsing_id, data.client_id, data.traject_id, data.regio, data.geplaatst_op)


async def on_opname(event: CloudEvent, uow: UnitOfWork) -> None:
    data = event.payload(pv.OpnameGeregistreerd)
    assert isinstance(data, pv.OpnameGeregistreerd)
    if data.voorziening_type in BW_TYPES and not data.bed_en_break:
        await _started(uow, data.opname_id, data.client_id, data.traject_id, data.regio, data.opgenomen_op)


async def on_uitgestroomd(event: CloudEvent, uow: UnitOfWork) -> None:
    data = event.payload(pv.Uitgestroomd)
    assert isinstance(data, pv.Uitgestroomd)
    await _ended(uow, data.verblijf_id, data.uitgestroomd_op)


HANDLERS: dict[str, Handler] = {
    pv.PlaatsingGerealiseerd.event_type(): on_plaatsing,
    pv.OpnameGeregistreerd.event_type(): on_opname,
    pv.Uitgestroomd.event_type(): on_uitgestroomd,
}
