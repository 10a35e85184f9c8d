"""Import the region's history into placement (docs/import.md; seed 003 §4.3.2 item 11, "de migratie van bestaande
registratiesystemen"): shelter admissions, placements (BW, beschut wonen, other facilities), their outflow, the
waiting list's leaving and ready-to-leave declarations (which make the client a candidate in housing), with their real
moments.

Rows name their journey by the source id of the report intake imported (`melding`), and a waiting-list entry by the
source id of the decision that opened it (`beschikking`): placement's consumer records those ids from the
`importbron` extension on intake's imported events (`remember_sources`). Each row goes through the live handler
(`neem_op`, `plaats`, `stroom_uit`, `verklaar_uitstroomgereed`, the waiting list's leaving) with its real moment and no late-registration window,
so it publishes the same events, marked `geimporteerd`. No waiting-list offers are made for history: a decision
imported joins the list without an offer, and a place freed by an imported departure is not offered (the source
says who was placed where).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from pydantic.alias_generators import to_camel
from sqlalchemy import delete, select

from journey_platform import backdating
from journey_platform.contracts import intake as iv
from journey_platform.history_import import RowImporter, RowRefused
from journey_platform.import_keys import key_values, source_key
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal
from placement.adapters.orm import ImportRegel, WachtlijstAanmelding
from placement.adapters.unit_of_work import SqlUnitOfWork
from placement.service_layer import commands as c
from placement.service_layer.admissions import neem_op
from placement.service_layer.context import PlacementContext
from placement.service_layer.history_rows import (
    KINDS,
    OpnameRegel,
    PlaatsingRegel,
    UitstroomgereedRegel,
    UitstroomRegel,
    WachtlijstRegel,
    _Regel,
    parse,
)
from placement.service_layer.placements import plaats, stroom_uit
from placement.service_layer.ready_to_leave import verklaar_uitstroomgereed
from placement.service_layer.waitlist import OFFERED, WAITING, leave_with_offer, lock_entry

__all__ = [
    "KINDS",
    "OPERATION",
    "SOURCES",
    "Importer",
    "OpnameRegel",
    "PlaatsingRegel",
    "UitstroomRegel",
    "UitstroomgereedRegel",
    "WachtlijstRegel",
    "key_row",
    "parse",
    "remember_sources",
]

OPERATION = "importeerVerblijfshistorie"  # the API operation; the command line logs under it too

Handler = Callable[[CloudEvent, Any], Awaitable[None]]


class Importer(RowImporter):
    kinds = KINDS
    operation = OPERATION
    route = "placement.import_history"

    def __init__(self, container: Any, *, who: Principal, bron: str, own_log: bool) -> None:
        super().__init__(container, who=who, bron=bron, own_log=own_log)
        context: PlacementContext = container.extras["context"]
        # History: no late-registration window (a moment in the future is still refused) and no waiting-list offers.
        self.context = dataclasses.replace(context, late=backdating.LatePolicy(free=True), offers=False)

    async def open_transaction(self, uow: UnitOfWork) -> None:
        await uow.session.execute(delete(ImportRegel).where(ImportRegel.bron_id != ImportRegel.bron_id))

    async def _key(self, uow: UnitOfWork, regelsoort: str, bron_id: str | None, field: str) -> ImportRegel:
        found = await uow.session.get(ImportRegel, (self.bron, regelsoort, str(bron_id)))
        if found is None:
            what = "imported by intake (run intake's import first)" if regelsoort in ("melding", "beschikking") else "imported"
            raise RowRefused(f"{regelsoort} {bron_id!r} of source {self.bron!r} is not {what}", [field])
        return found

    async def _journey(self, uow: UnitOfWork, melding: str) -> uuid.UUID:
        known = await self._key(uow, "melding", melding, "melding")
        assert known.traject_id is not None
        return known.traject_id

    async def import_row(self, number: int, row: dict[str, Any], uow: UnitOfWork, report: Any) -> None:
        assert isinstance(uow, SqlUnitOfWork)  # the container is built with placement's unit of work (bootstrap)
        regel = parse(row)
        if await uow.session.get(ImportRegel, (self.bron, regel.regelsoort, regel.bron_id)) is not None:
            report.skipped += 1
            return
        uow.mark_imported(f"{self.bron}/{regel.regelsoort}/{regel.bron_id}")
        doel_id, traject_id = await self._handle(regel, uow)
        uow.session.add(key_row((self.bron, regel.regelsoort, regel.bron_id), doel_id, traject_id, self.who.subject))
        report.imported[regel.regelsoort] += 1

    async def _handle(self, regel: _Regel, uow: SqlUnitOfWork) -> tuple[uuid.UUID, uuid.UUID | None]:
        ctx, who = self.context, self.who
        if isinstance(regel, OpnameRegel):
            traject_id = await self._journey(uow, regel.melding)
            cmd = c.NeemOp(
                traject_id=traject_id,
                voorziening_id=regel.voorziening_id,
                bed_en_break=regel.bed_en_break,
                opgenomen_op=regel.opgenomen_op,
            )
            view = await neem_op(cmd, uow, who, ctx)
            return view.id, traject_id
        if isinstance(regel, PlaatsingRegel):
            traject_id = await self._journey(uow, regel.melding)
            entry = await self._entry(uow, regel.beschikking) if regel.beschikking else None
            if entry is not None and entry.traject_id != traject_id:
                raise RowRefused(f"beschikking {regel.beschikking!r} is about another report's journey", ["beschikking"])
            placing = c.Plaats(
                wachtlijst_aanmelding_id=entry.id if entry else None,
                traject_id=traject_id,
                voorziening_id=regel.voorziening_id,
                geplaatst_op=regel.geplaatst_op,
            )
            view = await plaats(placing, uow, who, ctx)
            return view.id, traject_id
        if isinstance(regel, UitstroomRegel):
            stay = await self._stay_key(uow, regel.verblijf)
            leaving = c.StroomUit(
                bestemming=regel.bestemming,
                naar_gemeente=regel.naar_gemeente,
                reden_code=regel.reden_code,
                uitgestroomd_op=regel.uitgestroomd_op,
            )
            view = await stroom_uit(stay.doel_id, leaving, uow, who, ctx)
            return view.id, stay.traject_id
        if isinstance(regel, UitstroomgereedRegel):
            stay = await self._stay_key(uow, regel.verblijf)
            wishes = dict(regel.model_extra or {})
            declaring = c.VerklaarUitstroomgereed.model_validate({**wishes, "verklaardOp": regel.verklaard_op})
            declared = await verklaar_uitstroomgereed(stay.doel_id, declaring, uow, who, ctx)
            return declared.id, stay.traject_id
        assert isinstance(regel, WachtlijstRegel)
        entry = await self._entry(uow, regel.beschikking)
        if regel.verlaten_op is not None and regel.reden_code is not None:
            await self._leave(uow, entry, regel.verlaten_op, regel.reden_code.value)
        return entry.id, entry.traject_id

    async def _stay_key(self, uow: UnitOfWork, verblijf: str) -> ImportRegel:
        for kind in ("opname", "plaatsing"):
            found = await uow.session.get(ImportRegel, (self.bron, kind, verblijf))
            if found is not None:
                return found
        raise RowRefused(f"verblijf {verblijf!r}: no opname or plaatsing row of this source imported before", ["verblijf"])

    async def _entry(self, uow: SqlUnitOfWork, beschikking: str | None) -> WachtlijstAanmelding:
        decision = await self._key(uow, "beschikking", beschikking, "beschikking")
        entry_id = await uow.session.scalar(
            select(WachtlijstAanmelding.id).where(WachtlijstAanmelding.beschikking_id == decision.doel_id)
        )
        entry = await lock_entry(uow, entry_id) if entry_id is not None else None
        if entry is None:
            raise RowRefused(
                f"beschikking {beschikking!r} opened no waiting-list entry (only a grant of beschermd or beschut wonen does)",
                ["beschikking"],
            )
        if entry.regio != self.who.region:
            raise RowRefused("the waiting-list entry belongs to another region", ["beschikking"])
        return entry

    async def _leave(self, uow: SqlUnitOfWork, entry: WachtlijstAanmelding, moment: datetime, reason: str) -> None:
        if entry.status not in (WAITING, OFFERED):
            raise RowRefused(f"the entry is no longer on the list ({entry.status})", ["beschikking"])
        if moment > datetime.now(UTC) + backdating.CLOCK_SKEW:
            raise RowRefused("verlatenOp: lies in the future", ["verlatenOp"])
        if moment < entry.aangemeld_op:
            raise RowRefused("verlatenOp: lies before the entry joined the list (its decision)", ["verlatenOp"])
        await leave_with_offer(uow, self.context.at(moment), entry, reason)


def key_row(
    key: tuple[str, str, str], doel_id: uuid.UUID, traject_id: uuid.UUID | None, door: str, op: datetime | None = None
) -> ImportRegel:
    return ImportRegel(**key_values(key, doel_id, traject_id, door, op))


# --- the consumer: intake's imported reports and decisions, by their source ids -----------------------------------
SOURCES = {
    iv.MeldingGeregistreerd.event_type(): ("melding", "melding_id"),
    iv.BeschikkingAfgegeven.event_type(): ("beschikking", "beschikking_id"),
}


def remember_sources(live: dict[str, Handler], imported: dict[str, Handler]) -> dict[str, Handler]:
    """Placement's consumer handlers, where an event of intake's history import (extension `geimporteerd`) goes to
    `imported` (the same handlers with a context that makes no waiting-list offers) and a report's or decision's source
    key (extension `importbron`) is recorded, so placement's import finds its journey and waiting-list entry."""

    def wrap(event_type: str, handler: Handler) -> Handler:
        async def handle(event: CloudEvent, uow: Any) -> None:
            if not event.imported:
                await handler(event, uow)
                return
            uow.mark_imported()  # what placement does in answer (a waiting-list entry) is history too
            await imported.get(event_type, handler)(event, uow)
            if event_type in SOURCES:
                kind, id_field = SOURCES[event_type]
                key = source_key(event.import_source, kind)
                if key is not None and await uow.session.get(ImportRegel, key) is None:
                    ids = (uuid.UUID(str(event.data[to_camel(id_field)])), uuid.UUID(str(event.data["trajectId"])))
                    uow.session.add(key_row(key, *ids, "intake", event.time))

        return handle

    return {event_type: wrap(event_type, handler) for event_type, handler in live.items()}
