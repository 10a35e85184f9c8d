"""The run of a history import (docs/import.md; seed 003 §4.3.2 item 11, "de migratie van bestaande
registratiesystemen"), shared by the services that import their own facts: rows of JSON Lines, a dry run in one
rolled-back transaction that reports every row it would refuse and why, a real run that commits row by row, each
row keyed by (bron, regelsoort, bronId) so a re-run doubles nothing, and the processing log of a command-line run.

A service's importer subclasses `RowImporter` and implements `import_row`, which raises `RowRefused` (or a
`DomainError` from a live handler) to refuse a row.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import types
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from pydantic import ValidationError
from pydantic.alias_generators import to_camel

from journey_platform.dutch_calendar import NL
from journey_platform.errors import DomainError
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import OrgType, Principal
from journey_platform.privacy.recorder import begin_request_log, end_request_log

if TYPE_CHECKING:  # the runtime imports the web framework; the service layers that use this must not
    from journey_platform.runtime import Container


@dataclass
class Refusal:
    regel: int  # line number in the file (or position in the request), from 1
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
    imported: dict[str, int]
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


def noon(day: date) -> datetime:
    """A date's moment when the source gives none: 12:00 Dutch time that day."""
    return datetime.combine(day, time(12, 0), NL).astimezone(UTC)


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def noon_dates(row: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The row with each moment among `names` that is a date alone made 12:00 Dutch time that day; a date that is no
    day is left for the row's model to name."""
    fields = dict(row)
    for name in names:
        value = fields.get(name)
        if isinstance(value, str) and _DAY.match(value):
            try:
                fields[name] = noon(date.fromisoformat(value)).isoformat()
            except ValueError:
                pass
    return fields


def validation_refusal(exc: ValidationError) -> RowRefused:
    fields = [".".join(to_camel(str(p)) for p in e["loc"]) or "-" for e in exc.errors()]
    reasons = "; ".join(f"{'.'.join(to_camel(str(p)) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return RowRefused(reasons, fields)


def problem_refusal(exc: DomainError) -> RowRefused:
    params = exc.invalid_params or []
    if params:
        return RowRefused("; ".join(f"{p.name}: {p.reason}" for p in params), [p.name for p in params])
    return RowRefused(f"{type(exc).__name__}: {exc.detail}")


def flush_only(uow: UnitOfWork) -> Callable[[], Awaitable[None]]:
    """Makes the handlers' `commit` a flush; returns the real commit."""
    commit, flush = uow.commit, uow.flush

    async def flush_instead(*, one_statement: bool = False) -> None:  # the import's rows are written by its flushes
        await flush()

    uow.commit = flush_instead  # type: ignore[method-assign]  # the import decides when a row commits
    return commit


class RowImporter:
    """Runs rows through `import_row`. `own_log`: a command-line run writes its own processing-log rows (under
    `operation`, route `route`); through the API the request's log does."""

    kinds: tuple[str, ...] = ()
    operation = ""
    route = ""

    def __init__(self, container: Container, *, who: Principal, bron: str, own_log: bool) -> None:
        self.container = container
        self.who = who
        self.bron = bron
        self.own_log = own_log

    @classmethod
    def at_door(cls, container: Container, *, door: str, medewerker: str, bron: str) -> Self:
        """The command line's importer: the central access point `door` imports, `medewerker` is the log's actor."""
        region = container.reference.central_access_region(door)
        if region is None:
            raise SystemExit(f"--door {door}: not a central access point of a region served here")
        who = Principal(subject=f"import:{medewerker}"[:200], org_type=OrgType.centrale_toegang, org_id=door, region=region)
        return cls(container, who=who, bron=bron, own_log=True)

    async def import_row(self, number: int, row: dict[str, Any], uow: UnitOfWork, report: Report) -> None:
        """One row in `uow`: imported (with its key), skipped (counted in report.skipped), or refused (raises)."""
        raise NotImplementedError

    async def run(self, lines: Sequence[str], dry_run: bool) -> Report:
        report = Report(dry_run=dry_run, imported=dict.fromkeys(self.kinds, 0))
        rows = [(n, raw) for n, raw in enumerate(lines, start=1) if raw.strip()]
        if dry_run:
            await self._dry(rows, report)
        else:
            for number, raw in rows:
                await self._real(number, raw, report)
        return report

    async def _one(self, number: int, raw: str, uow: UnitOfWork, report: Report) -> None:
        try:
            row = json.loads(raw)
        except ValueError as exc:
            raise RowRefused(f"not JSON: {exc}") from exc
        if not isinstance(row, dict):
            raise RowRefused("not a JSON object")
        await self.import_row(number, row, uow, report)

    def _refuse(self, report: Report, number: int, raw: str, refusal: RowRefused) -> None:
        try:
            row = json.loads(raw)
        except ValueError:
            row = {}
        kind = str(row.get("regelsoort", "?")) if isinstance(row, dict) else "?"
        bron_id = row.get("bronId") if isinstance(row, dict) else None
        report.refused.append(Refusal(number, kind, str(bron_id) if bron_id else None, refusal.fields, refusal.reason))

    async def _real(self, number: int, raw: str, report: Report) -> None:
        log = self.container.processing_log if self.own_log else None
        token = begin_request_log(log, self._scope())[1] if log is not None else None
        try:
            async with self.container.uow() as uow:
                # One transaction per row: the handlers' `commit` only flushes; the key, the change, its events and
                # the processing log commit together below, or not at all.
                commit = flush_only(uow)
                await self._one(number, raw, uow, report)
                await commit()
        except RowRefused as refusal:
            self._refuse(report, number, raw, refusal)
        except DomainError as problem:
            self._refuse(report, number, raw, problem_refusal(problem))
        finally:
            if token is not None:
                end_request_log(token)

    async def _dry(self, rows: Sequence[tuple[int, str]], report: Report) -> None:
        """Every row in one transaction, each in a savepoint, rolled back at the end: later rows see earlier ones."""
        async with self.container.uow() as uow:
            flush_only(uow)  # a dry run commits nothing
            await self.open_transaction(uow)
            for number, raw in rows:
                savepoint = await uow.session.begin_nested()
                try:
                    await self._one(number, raw, uow, report)
                    await uow.flush()
                    await savepoint.commit()
                except (RowRefused, DomainError) as exc:
                    await savepoint.rollback()
                    uow.discard_pending()
                    refusal = exc if isinstance(exc, RowRefused) else problem_refusal(exc)
                    self._refuse(report, number, raw, refusal)
            await uow.rollback()

    async def open_transaction(self, uow: UnitOfWork) -> None:
        """A statement that writes nothing but opens the transaction for real: SQLite's driver begins one only before
        a write, and would otherwise take the first SAVEPOINT as the transaction and commit it on release."""
        raise NotImplementedError

    def _scope(self) -> dict[str, Any]:
        route = types.SimpleNamespace(operation_id=self.operation, path=self.route)
        return {"type": "cli", "method": "IMPORT", "route": route, "state": {"principal": self.who}, "path_params": {}}


async def import_lines(
    importer: type[RowImporter],
    container: Container,
    lines: Sequence[str],
    *,
    dry_run: bool,
    door: str,
    medewerker: str = "beheer",
    bron: str = "historie",
) -> Report:
    """Import (or, with `dry_run`, check) the rows of a JSON Lines file as `door`; the report lists every refused row."""
    return await importer.at_door(container, door=door, medewerker=medewerker, bron=bron).run(lines, dry_run)


def command_line(
    importer: type[RowImporter], build: Callable[[], Container], prog: str, description: str, argv: Sequence[str] | None
) -> int:
    """`python -m <service>.import_history FILE [--dry-run] [--door] [--medewerker] [--bron]`: exit code 0 when every
    row was accepted, 1 when a row was refused (the summary lists them)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("file", help="JSON Lines file (docs/import.md)")
    parser.add_argument("--dry-run", action="store_true", help="check every row, change nothing, list refused rows")
    parser.add_argument("--door", default="CT-IJSSEL-VECHT", help="the central access point that imports (its region)")
    parser.add_argument("--medewerker", default="beheer", help="who runs the import (processing log's actor)")
    parser.add_argument("--bron", default="historie", help="the source's name: rows are keyed by it and their bronId")
    args = parser.parse_args(argv)
    lines = Path(args.file).read_text(encoding="utf-8").splitlines()

    async def run() -> Report:
        container = build()
        try:
            return await import_lines(
                importer, container, lines, dry_run=args.dry_run, door=args.door, medewerker=args.medewerker, bron=args.bron
            )
        finally:
            await container.engine.dispose()

    report = asyncio.run(run())
    print(report.summary())
    return 1 if report.refused else 0
