"""Import the region's history into housing (docs/import.md; seed 003 §4.3.2 item 11, "de migratie van bestaande
registratiesystemen"): moves into a home (verhuizingen), with their real moments.

A `verhuizing` row names the candidate by the source id of the ready-to-leave declaration placement imported
(`uitstroomgereed`; housing's consumer records it from the `importbron` extension) and describes the home. It goes
through the live handlers with its real moments and no late-registration window: the home is registered by the
importing central access point (so no supplier sees the offer: no consent is needed for history), offered
(`aangebodenOp`), accepted (`geaccepteerdOp`) and moved into (`verhuisdOp`), so it publishes the same events as live
registration (`woning-beschikbaar`, `aanbod-gedaan`, `aanbod-geaccepteerd`, `verhuisd`, the warm handover, the
aftercare plan), marked `geimporteerd`; placement ends the client's stay on `verhuisd`, as live.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel
from sqlalchemy import delete, select

from housing.adapters.orm import ImportRegel, Kandidaat
from housing.adapters.unit_of_work import SqlUnitOfWork
from housing.service_layer import commands as c
from housing.service_layer.candidates import OPEN
from housing.service_layer.context import HousingContext
from housing.service_layer.move_in import meld_verhuizing
from housing.service_layer.offers import accepteer_aanbod, doe_aanbod
from housing.service_layer.stock import registreer_woningen
from journey_platform import backdating
from journey_platform.contracts import placement as pv
from journey_platform.history_import import RowImporter, RowRefused, noon_dates, validation_refusal
from journey_platform.import_keys import key_values, source_key
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal

OPERATION = "importeerVerhuishistorie"  # the API operation; the command line logs under it too
KINDS = ("verhuizing",)
MOMENTS = ("aangebodenOp", "geaccepteerdOp", "verhuisdOp")


@dataclass(frozen=True)
class HistoryContext(HousingContext):
    """History: no late-registration window (a moment in the future is still refused)."""

    @property
    def late(self) -> backdating.LatePolicy:
        return backdating.LatePolicy(free=True)


class VerhuizingRegel(BaseModel):
    """A move into a home: the home (`woning`, the fields of `POST /v1/woningen`), the offer, its acceptance and the
    move-in (`POST /v1/aanbiedingen`, `.../acceptatie`, `.../verhuizing`)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    regelsoort: Literal["verhuizing"]
    bron_id: str = Field(min_length=1, max_length=100)
    uitstroomgereed: str = Field(min_length=1, max_length=100, description="bronId of placement's ready-to-leave row.")
    woning: dict[str, Any] = Field(description="The home: the fields of POST /v1/woningen; beschikbaarVanaf optional.")
    aangeboden_op: datetime | None = Field(None, description="The offer; the move-in's moment when omitted.")
    geaccepteerd_op: datetime | None = Field(None, description="The acceptance; the offer's moment when omitted.")
    verhuisd_op: datetime
    bw_loopt_door_als_ambulant: bool = False
    lopende_schuldhulpverlening: bool = False


def parse(row: dict[str, Any]) -> tuple[VerhuizingRegel, c.RegistreerWoning]:
    """The row and its home; a refusal naming every bad field (the dry run's reasons)."""
    if row.get("regelsoort") not in KINDS:
        raise RowRefused(f"regelsoort: one of {', '.join(KINDS)} (got {row.get('regelsoort')!r})", ["regelsoort"])
    fields = noon_dates(row, MOMENTS)  # a date alone is 12:00 Dutch time that day
    if fields.get("verhuisdOp") is None:
        raise RowRefused("verhuisdOp: required in an import (the move's real moment)", ["verhuisdOp"])
    try:
        regel = VerhuizingRegel.model_validate(fields)
    except ValidationError as exc:
        raise validation_refusal(exc) from exc
    offered = regel.aangeboden_op or regel.verhuisd_op
    accepted = regel.geaccepteerd_op or offered
    if not offered <= accepted <= regel.verhuisd_op:
        raise RowRefused("aangebodenOp ≤ geaccepteerdOp ≤ verhuisdOp", ["aangebodenOp", "geaccepteerdOp", "verhuisdOp"])
    home = {"beschikbaarVanaf": offered.date().isoformat(), **regel.woning}
    try:
        woning = c.RegistreerWoning.model_validate(home)
    except ValidationError as exc:
        refusal = validation_refusal(exc)
        raise RowRefused(refusal.reason, [f"woning.{f}" for f in refusal.fields]) from exc
    return regel, woning


class Importer(RowImporter):
    kinds = KINDS
    operation = OPERATION
    route = "housing.import_history"

    def __init__(self, container: Any, *, who: Principal, bron: str, own_log: bool) -> None:
        super().__init__(container, who=who, bron=bron, own_log=own_log)
        context: HousingContext = container.extras["context"]
        self.context = HistoryContext(reference=context.reference, settings=context.settings, clock=context.clock)

    async def open_transaction(self, uow: UnitOfWork) -> None:
        await uow.session.execute(delete(ImportRegel).where(ImportRegel.bron_id != ImportRegel.bron_id))

    async def import_row(self, number: int, row: dict[str, Any], uow: UnitOfWork, report: Any) -> None:
        assert isinstance(uow, SqlUnitOfWork)  # the container is built with housing's unit of work (bootstrap)
        regel, woning = parse(row)
        if await uow.session.get(ImportRegel, (self.bron, regel.regelsoort, regel.bron_id)) is not None:
            report.skipped += 1
            return
        candidate = await uow.session.get(ImportRegel, (self.bron, "uitstroomgereed", regel.uitstroomgereed))
        if candidate is None:
            raise RowRefused(
                f"uitstroomgereed {regel.uitstroomgereed!r} of source {self.bron!r} is not imported by placement (run "
                "placement's import first)",
                ["uitstroomgereed"],
            )
        uow.mark_imported(f"{self.bron}/{regel.regelsoort}/{regel.bron_id}")
        offered = regel.aangeboden_op or regel.verhuisd_op
        accepted = regel.geaccepteerd_op or offered
        ctx, who = self.context, self.who
        [unit] = await registreer_woningen([woning], uow, who, ctx.at(offered), prefix="woning")
        expires = max(offered + timedelta(days=ctx.settings.offer_expiry_days), accepted + timedelta(minutes=1))
        offer = c.DoeAanbod(kandidaat_id=candidate.doel_id, woning_id=unit.id, gedaan_op=offered, verloopt_op=expires)
        aanbod = await doe_aanbod(offer, uow, who, ctx)
        await accepteer_aanbod(aanbod.id, c.AccepteerAanbod(geaccepteerd_op=accepted), uow, who, ctx)
        moving = c.MeldVerhuizing(
            verhuisd_op=regel.verhuisd_op,
            bw_loopt_door_als_ambulant=regel.bw_loopt_door_als_ambulant,
            lopende_schuldhulpverlening=regel.lopende_schuldhulpverlening,
        )
        await meld_verhuizing(aanbod.id, moving, uow, who, ctx)
        key = (self.bron, regel.regelsoort, regel.bron_id)
        uow.session.add(ImportRegel(**key_values(key, aanbod.id, candidate.traject_id, who.subject)))
        report.imported[regel.regelsoort] += 1


Handler = Any


def remember_sources(live: dict[str, Handler]) -> dict[str, Handler]:
    """Housing's consumer handlers, where an imported ready-to-leave declaration (extension `importbron`) is recorded
    with the candidate it made, so housing's import finds the candidate by the declaration's source id; what housing
    does in answer to an imported event is marked imported too."""

    def wrap(event_type: str, handler: Handler) -> Handler:
        async def handle(event: CloudEvent, uow: UnitOfWork) -> None:
            if not event.imported:
                await handler(event, uow)
                return
            uow.mark_imported()
            await handler(event, uow)
            key = source_key(event.import_source, "uitstroomgereed")
            if event_type != pv.UitstroomgereedVerklaard.event_type() or key is None:
                return
            traject_id = uuid.UUID(str(event.data["trajectId"]))
            kandidaat = await uow.session.scalar(
                select(Kandidaat).where(Kandidaat.traject_id == traject_id, Kandidaat.status.in_(OPEN))
            )
            if kandidaat is not None and await uow.session.get(ImportRegel, key) is None:
                uow.session.add(ImportRegel(**key_values(key, kandidaat.id, traject_id, "placement", event.time)))

        return handle

    return {event_type: wrap(event_type, handler) for event_type, handler in live.items()}
