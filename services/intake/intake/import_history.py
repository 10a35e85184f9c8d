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

import argparse
import asyncio
import dataclasses
import json
import sys
import types
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel
from sqlalchemy import delete, select

from intake.adapters.orm import ImportRegel
from intake.service_layer import commands as c
from intake.service_layer.decision import neem_besluit
from intake.service_layer.handlers import IntakeContext, registreer_melding
from journey_platform.auth import OrgType, Principal
from journey_platform.backdating import LatePolicy
from journey_platform.dutch_calendar import NL
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.privacy.recorder import begin_request_log, end_request_log
from journey_platform.runtime import Container
from journey_platform.web.problems import DomainError

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


@dataclass
class Refusal:
    regel: int  # line number in the file, from 1
    regelsoort: str
    bron_id: str | None
    velden: list[str]
    reden: str

    def line(self) -> str:
        where = f" {self.regelsoort} {self.bron_id}" if self.bron_id else ""
        fields = f" [{', '.join(self.velden)}]" if self.velden else ""
        return f"regel {self.regel}{where}: {self.reden}{fields}"


@dataclass
class Report:
    dry_run: bool
    imported: dict[str, int] = field(default_factory=lambda: {"persoon": 0, "melding": 0, "beschikking": 0})
    skipped: int = 0  # rows imported by an earlier run
    refused: list[Refusal] = field(default_factory=list)

    def summary(self) -> str:
        verb = "zou importeren" if self.dry_run else "geïmporteerd"
        counts = ", ".join(f"{n} {kind}" for kind, n in self.imported.items())
        lines = [f"{'proefrun' if self.dry_run else 'import'}: {verb}: {counts}; al eerder geïmporteerd: {self.skipped}"]
        lines += [f"geweigerd: {r.line()}" for r in self.refused]
        return "\n".join(lines)


class RowRefused(Exception):
    def __init__(self, reason: str, fields: Sequence[str] = ()) -> None:
        super().__init__(reason)
        self.reason, self.fields = reason, list(fields)


def _noon(day: date) -> datetime:
    """A date's moment when the source gives none: 12:00 Dutch time that day."""
    return datetime.combine(day, time(12, 0), NL).astimezone(UTC)


def _validation_refusal(exc: ValidationError) -> RowRefused:
    fields = [".".join(to_camel(str(p)) for p in e["loc"]) or "-" for e in exc.errors()]
    reasons = "; ".join(f"{'.'.join(to_camel(str(p)) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return RowRefused(reasons, fields)


def _problem_refusal(exc: DomainError) -> RowRefused:
    params = exc.invalid_params or []
    if params:
        return RowRefused("; ".join(f"{p.name}: {p.reason}" for p in params), [p.name for p in params])
    return RowRefused(f"{type(exc).__name__}: {exc.detail}")


class Importer:
    """`own_log`: the command line writes its own processing-log rows; through the API the request's log does."""

    def __init__(self, container: Container, *, who: Principal, bron: str, own_log: bool) -> None:
        self.container = container
        context: IntakeContext = container.extras["context"]
        self.who = who
        self.context = dataclasses.replace(context, late=LatePolicy(free=True))  # history: no late-registration window
        self.bron = bron
        self.own_log = own_log
        self.persons: dict[str, c.PersoonInvoer] = {}

    @classmethod
    def at_door(cls, container: Container, *, door: str, medewerker: str, bron: str) -> Importer:
        context: IntakeContext = container.extras["context"]
        region = context.reference.central_access_region(door)
        if region is None:
            raise SystemExit(f"--door {door}: not a central access point of a region served here")
        who = Principal(subject=f"import:{medewerker}"[:200], org_type=OrgType.centrale_toegang, org_id=door, region=region)
        return cls(container, who=who, bron=bron, own_log=True)

    # --- rows ------------------------------------------------------------------------------------------------
    def _person(self, row: dict[str, Any]) -> c.PersoonInvoer:
        try:
            regel = PersoonRegel.model_validate(row)
        except ValidationError as exc:
            raise _validation_refusal(exc) from exc
        if regel.bsn:
            try:
                return c.PersoonInvoer(
                    bsn=regel.bsn, voornaam=regel.voornaam, achternaam=regel.achternaam, geboortedatum=regel.geboortedatum
                )
            except ValidationError as exc:
                raise _validation_refusal(exc) from exc
        # No BSN: a pseudonym, the same for the same source row in every run (a keyed hash), and nothing else.
        pseudonym = "pseudoniem-" + self.context.keyring.blind_index(f"import:{self.bron}:{regel.bron_id}")[:16]
        return c.PersoonInvoer(alias=pseudonym)

    async def _melding(self, row: dict[str, Any], uow: UnitOfWork) -> tuple[uuid.UUID, uuid.UUID]:
        fields = {k: v for k, v in row.items() if k not in ("regelsoort", "bronId", "persoon")}
        person = self.persons.get(str(row.get("persoon")))
        if person is None:
            raise RowRefused(f"persoon {row.get('persoon')!r} is not defined on an earlier row", ["persoon"])
        if "meldDatum" not in fields:
            raise RowRefused("meldDatum: required in an import (the report's real day)", ["meldDatum"])
        try:
            cmd = c.RegistreerMelding.model_validate({**fields, "persoon": person.model_dump(exclude_none=True)})
        except ValidationError as exc:
            raise _validation_refusal(exc) from exc
        assert cmd.meld_datum is not None
        reported = cmd.meld_datum
        ctx = dataclasses.replace(self.context, clock=lambda: _noon(reported))
        persoon_key = (self.bron, "persoon", str(row.get("persoon")))
        known = await uow.session.get(ImportRegel, persoon_key)
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
        if "besluitDatum" not in fields:
            raise RowRefused("besluitDatum: required in an import (the decision's real day)", ["besluitDatum"])
        try:
            cmd: c.NeemBesluit = TypeAdapter(c.NeemBesluit).validate_python({**fields, "meldingId": str(melding.doel_id)})
        except ValidationError as exc:
            raise _validation_refusal(exc) from exc
        assert cmd.besluit_datum is not None
        decided = cmd.besluit_datum
        ctx = dataclasses.replace(self.context, clock=lambda: _noon(decided))
        view = await neem_besluit(cmd, uow, self.who, ctx)
        return view.id, view.traject_id

    async def _done_before(self, uow: UnitOfWork, regelsoort: str, bron_id: str) -> bool:
        found = await uow.session.get(ImportRegel, (self.bron, regelsoort, bron_id))
        return found is not None

    async def _row(self, number: int, raw: str, uow: UnitOfWork, report: Report) -> None:
        """One row in `uow`: imported (committed by the handler with its key), skipped, or refused (raises)."""
        try:
            row = json.loads(raw)
            head = _Row.model_validate(row)
        except (ValueError, ValidationError) as exc:
            refusal = _validation_refusal(exc) if isinstance(exc, ValidationError) else RowRefused(f"not JSON: {exc}")
            raise refusal from exc
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

    # --- runs ------------------------------------------------------------------------------------------------
    async def run(self, lines: Sequence[str], dry_run: bool) -> Report:
        report = Report(dry_run=dry_run)
        rows = [(n, raw) for n, raw in enumerate(lines, start=1) if raw.strip()]
        if dry_run:
            await self._dry(rows, report)
        else:
            for number, raw in rows:
                await self._real(number, raw, report)
        return report

    def _refuse(self, report: Report, number: int, raw: str, refusal: RowRefused) -> None:
        try:
            row = json.loads(raw)
        except ValueError:
            row = {}
        kind = str(row.get("regelsoort", "?")) if isinstance(row, dict) else "?"
        bron_id = row.get("bronId") if isinstance(row, dict) else None
        report.refused.append(Refusal(number, kind, str(bron_id) if bron_id else None, refusal.fields, refusal.reason))

    async def _real(self, number: int, raw: str, report: Report) -> None:
        log = self._processing_log() if self.own_log else None
        token = begin_request_log(log, self._scope())[1] if log is not None else None
        try:
            async with self.container.uow() as uow:
                # One transaction per row: the handler's `commit` only flushes, and the keys, the change, its events
                # and the processing log commit together below, or not at all.
                commit = _flush_only(uow)
                await self._row(number, raw, uow, report)
                await commit()
        except RowRefused as refusal:
            self._refuse(report, number, raw, refusal)
        except DomainError as problem:
            self._refuse(report, number, raw, _problem_refusal(problem))
        finally:
            if token is not None:
                end_request_log(token)

    async def _dry(self, rows: Sequence[tuple[int, str]], report: Report) -> None:
        """Every row in one transaction, each in a savepoint, rolled back at the end: later rows see earlier ones."""
        async with self.container.uow() as uow:
            _flush_only(uow)  # a dry run commits nothing
            # A statement that writes nothing but opens the transaction for real: SQLite's driver begins one only
            # before a write, and would otherwise take the first SAVEPOINT as the transaction and commit it on release.
            await uow.session.execute(delete(ImportRegel).where(ImportRegel.bron_id != ImportRegel.bron_id))
            for number, raw in rows:
                savepoint = await uow.session.begin_nested()
                try:
                    await self._row(number, raw, uow, report)
                    await uow.flush()
                    await savepoint.commit()
                except (RowRefused, DomainError) as exc:
                    await savepoint.rollback()
                    uow.discard_pending()
                    refusal = exc if isinstance(exc, RowRefused) else _problem_refusal(exc)
                    self._refuse(report, number, raw, refusal)
            await uow.rollback()

    def _processing_log(self) -> Any:
        return self.container.processing_log  # its register maps OPERATION to ACTIVITY (the API's operation too)

    def _scope(self) -> dict[str, Any]:
        route = types.SimpleNamespace(operation_id=OPERATION, path="intake.import_history")
        return {"type": "cli", "method": "IMPORT", "route": route, "state": {"principal": self.who}, "path_params": {}}


def _flush_only(uow: UnitOfWork) -> Callable[[], Awaitable[None]]:
    """Makes the handlers' `commit` a flush; returns the real commit."""
    commit, flush = uow.commit, uow.flush

    async def flush_instead() -> None:
        await flush()

    uow.commit = flush_instead  # type: ignore[method-assign]  # the import decides when a row commits
    return commit


async def import_lines(
    container: Container, lines: Sequence[str], *, dry_run: bool, door: str, medewerker: str = "beheer", bron: str = "historie"
) -> Report:
    """Import (or, with `dry_run`, check) the rows of a JSON Lines file; the report lists every refused row."""
    importer = Importer.at_door(container, door=door, medewerker=medewerker, bron=bron)
    return await importer.run(lines, dry_run)


async def _main(args: argparse.Namespace) -> int:
    from intake.bootstrap import build
    from intake.settings import IntakeSettings

    lines = Path(args.file).read_text(encoding="utf-8").splitlines()  # noqa: ASYNC240  # read once, before any I/O of the import
    container = build(IntakeSettings())
    try:
        report = await import_lines(
            container, lines, dry_run=args.dry_run, door=args.door, medewerker=args.medewerker, bron=args.bron
        )
    finally:
        await container.engine.dispose()
    print(report.summary())
    return 1 if report.refused else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m intake.import_history", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="JSON Lines file (docs/import.md)")
    parser.add_argument("--dry-run", action="store_true", help="check every row, change nothing, list refused rows")
    parser.add_argument("--door", default="CT-IJSSEL-VECHT", help="the central access point that imports (its region)")
    parser.add_argument("--medewerker", default="beheer", help="who runs the import (processing log's actor)")
    parser.add_argument("--bron", default="historie", help="the source's name: rows are keyed by it and their bronId")
    return asyncio.run(_main(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
