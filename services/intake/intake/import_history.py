"""Import the region's history into intake (docs/import.md; seed 003 §4.3.2 item 11, "de migratie van bestaande
registratiesystemen"): persons, reports and decisions from the central access point's current registration system,
with their real moments.

    python -m intake.import_history FILE [--dry-run] [--door CT-IJSSEL-VECHT] [--bron NAME] [--medewerker WHO]

FILE is JSON Lines: one object per line, `regelsoort` persoon, melding or beschikking. Each row goes through the same
handler as live registration (`registreer_melding`, `neem_besluit`) with the clock at the row's real moment, so it
publishes the same events; every event of an import carries the CloudEvents extension `geimporteerd: true`. A real
run commits row by row and is idempotent: each row is keyed by (bron, regelsoort, bronId) in `import_regels`, and a
row imported before is skipped. A dry run runs every row in one transaction that is rolled back, and reports every
row it would refuse and why. Both write a summary; the real run records each person it processed in the processing
log (verwerkingsregister activity `historie-importeren`).
"""

from __future__ import annotations

import dataclasses
import sys
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel
from sqlalchemy import delete, select

from intake.adapters.orm import ImportRegel, Melding
from intake.domain import rules
from intake.service_layer import commands as c
from intake.service_layer.decision import neem_besluit
from intake.service_layer.handlers import IntakeContext, registreer_melding
from journey_platform.auth import Principal
from journey_platform.backdating import LatePolicy
from journey_platform.history_import import Refusal, Report, RowImporter, RowRefused, command_line, validation_refusal
from journey_platform.history_import import import_lines as run_lines
from journey_platform.history_import import noon as _noon
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.runtime import Container

OPERATION = "importeerHistorie"  # the API operation; the command line logs under it too (activity historie-importeren)
Regelsoort = Literal["persoon", "melding", "beschikking"]


class _Row(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")

    regelsoort: Regelsoort
    bron_id: str = Field(min_length=1, max_length=100)


class PersoonRegel(BaseModel):
    """A person: a BSN, or no BSN and the person is pseudonymised (names and date of birth are not loaded)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    regelsoort: Literal["persoon"]
    bron_id: str = Field(min_length=1, max_length=100)
    bsn: str | None = None
    voornaam: str | None = Field(None, max_length=100)
    achternaam: str | None = Field(None, max_length=100)
    geboortedatum: date | None = None


__all__ = ["Importer", "Refusal", "Report", "import_lines"]


class Importer(RowImporter):
    """`own_log`: the command line writes its own processing-log rows; through the API the request's log does."""

    kinds = ("persoon", "melding", "beschikking")
    operation = OPERATION
    route = "intake.import_history"

    def __init__(self, container: Container, *, who: Principal, bron: str, own_log: bool) -> None:
        super().__init__(container, who=who, bron=bron, own_log=own_log)
        context: IntakeContext = container.extras["context"]
        self.context = dataclasses.replace(context, late=LatePolicy(free=True))  # history: no late-registration window
        self.persons: dict[str, c.PersoonInvoer] = {}

    # --- rows ------------------------------------------------------------------------------------------------
    def _person(self, row: dict[str, Any]) -> c.PersoonInvoer:
        try:
            regel = PersoonRegel.model_validate(row)
        except ValidationError as exc:
            raise validation_refusal(exc) from exc
        if regel.bsn:
            try:
                return c.PersoonInvoer(
                    bsn=regel.bsn, voornaam=regel.voornaam, achternaam=regel.achternaam, geboortedatum=regel.geboortedatum
                )
            except ValidationError as exc:
                raise validation_refusal(exc) from exc
        # No BSN: a pseudonym, the same for the same source row in every run (a keyed hash), and nothing else.
        pseudonym = "pseudoniem-" + self.context.keyring.blind_index(f"import:{self.bron}:{regel.bron_id}")[:16]
        return c.PersoonInvoer(alias=pseudonym)

    async def _melding(self, row: dict[str, Any], uow: UnitOfWork) -> tuple[uuid.UUID, uuid.UUID]:
        fields = {k: v for k, v in row.items() if k not in ("regelsoort", "bronId", "persoon")}
        persoon_key = (self.bron, "persoon", str(row.get("persoon")))
        known = await uow.session.get(ImportRegel, persoon_key)
        person = self.persons.get(str(row.get("persoon")))
        if person is None and known is not None:  # imported by an earlier run (or request): named by its key alone
            person = c.PersoonInvoer(alias="eerder-geimporteerd")  # only validates the command: the key names the person
        if person is None:
            raise RowRefused(f"persoon {row.get('persoon')!r} is not defined on an earlier row", ["persoon"])
        if fields.get("meldDatum") is None:  # absent or null: the command allows none (live: today), an import must not
            raise RowRefused("meldDatum: required in an import (the report's real day)", ["meldDatum"])
        try:
            cmd = c.RegistreerMelding.model_validate({**fields, "persoon": person.model_dump(exclude_none=True)})
        except ValidationError as exc:
            raise validation_refusal(exc) from exc
        assert cmd.meld_datum is not None
        reported = cmd.meld_datum
        ctx = dataclasses.replace(self.context, clock=lambda: _noon(reported))
        if known is None:  # the person's first report: the person is keyed too, so later reports (and runs) find it
            known = ImportRegel(
                bron=self.bron,
                regelsoort="persoon",
                bron_id=str(row.get("persoon")),
                doel_id=uuid.uuid4(),
                geimporteerd_op=datetime.now(UTC),
                geimporteerd_door=self.who.subject,
            )
            view = await registreer_melding(cmd, uow, self.who, ctx)
            known.doel_id, known.traject_id = view.persoon_id, view.traject_id
            uow.session.add(known)
        else:
            view = await registreer_melding(cmd, uow, self.who, ctx, known_person=known.doel_id)
        await _term_ran_in_the_source(uow, view.id, self.context.today())
        return view.id, view.traject_id

    async def _beschikking(self, row: dict[str, Any], uow: UnitOfWork) -> tuple[uuid.UUID, uuid.UUID]:
        melding = await uow.session.scalar(
            select(ImportRegel).where(
                ImportRegel.bron == self.bron, ImportRegel.regelsoort == "melding", ImportRegel.bron_id == str(row.get("melding"))
            )
        )
        if melding is None:
            raise RowRefused(f"melding {row.get('melding')!r} is not imported (an earlier row of this source)", ["melding"])
        fields = {k: v for k, v in row.items() if k not in ("regelsoort", "bronId", "melding")}
        if fields.get("besluitDatum") is None:
            raise RowRefused("besluitDatum: required in an import (the decision's real day)", ["besluitDatum"])
        try:
            cmd: c.NeemBesluit = TypeAdapter(c.NeemBesluit).validate_python({**fields, "meldingId": str(melding.doel_id)})
        except ValidationError as exc:
            raise validation_refusal(exc) from exc
        assert cmd.besluit_datum is not None
        decided = cmd.besluit_datum
        ctx = dataclasses.replace(self.context, clock=lambda: _noon(decided))
        view = await neem_besluit(cmd, uow, self.who, ctx)
        return view.id, view.traject_id

    async def _done_before(self, uow: UnitOfWork, regelsoort: str, bron_id: str) -> bool:
        found = await uow.session.get(ImportRegel, (self.bron, regelsoort, bron_id))
        return found is not None

    async def import_row(self, number: int, row: dict[str, Any], uow: UnitOfWork, report: Report) -> None:
        """One row in `uow`: imported (committed by the handler with its key), skipped, or refused (raises)."""
        try:
            head = _Row.model_validate(row)
        except ValidationError as exc:
            raise validation_refusal(exc) from exc
        if head.regelsoort == "persoon":
            self.persons[head.bron_id] = self._person(row)
            report.imported["persoon"] += 1
            return
        if await self._done_before(uow, head.regelsoort, head.bron_id):
            report.skipped += 1
            return
        # The key row goes in first, in the same transaction as the handler's change and events.
        doel_id, traject_id = uuid.uuid4(), None
        key = ImportRegel(
            bron=self.bron,
            regelsoort=head.regelsoort,
            bron_id=head.bron_id,
            doel_id=doel_id,
            traject_id=traject_id,
            geimporteerd_op=datetime.now(UTC),
            geimporteerd_door=self.who.subject,
        )
        uow.session.add(key)
        uow.mark_imported(f"{self.bron}/{head.regelsoort}/{head.bron_id}")  # another service's import finds it by this
        handler = self._melding if head.regelsoort == "melding" else self._beschikking
        key.doel_id, key.traject_id = await handler(row, uow)
        report.imported[head.regelsoort] += 1

    async def open_transaction(self, uow: UnitOfWork) -> None:
        await uow.session.execute(delete(ImportRegel).where(ImportRegel.bron_id != ImportRegel.bron_id))


async def _term_ran_in_the_source(uow: UnitOfWork, melding_id: uuid.UUID, today: date) -> None:
    """A report whose decision term had already passed before it was imported ran that term in the source system: it
    is marked as signalled, so intake's decision-term job (decision_term.py) raises no live alarm about history. A
    term that still runs on the day of the import is signalled as any live one."""
    melding = await uow.session.get(Melding, melding_id)
    if melding is not None and rules.deadline_signal(melding.beslistermijn, today) == rules.DeadlineSignal.PASSED:
        melding.termijnsignaal = rules.DeadlineSignal.PASSED


async def import_lines(container: Container, lines: Sequence[str], **options: Any) -> Report:
    """Import (or, with `dry_run=True`, check) the rows of a JSON Lines file (options: door, medewerker, bron)."""
    return await run_lines(Importer, container, lines, **options)


def main(argv: Sequence[str] | None = None) -> int:
    from intake.bootstrap import build
    from intake.settings import IntakeSettings

    return command_line(
        Importer, lambda: build(IntakeSettings()), "python -m intake.import_history", __doc__.split("\n\n")[0], argv
    )


if __name__ == "__main__":
    sys.exit(main())
