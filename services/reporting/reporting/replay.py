"""Rebuild every read model (journeys, timelines, provider links) from the stored event history.

    python -m reporting.replay                 # from scratch, in one transaction (REPORTING_DATABASE_URL)
    python -m reporting.replay --checkpoints   # from scratch, committing every batch with a checkpoint
    python -m reporting.replay --resume        # on from the checkpoint of an interrupted --checkpoints run

The history (`gebeurtenissen`) is reporting's own record of every event it consumed; indicators are
computed from it directly, and the read models are its fold in journey order (time, then the producer's
number among events of the same moment), each event read as the newest version of its contract, so a replay gives the
same journeys and the same indicators.

One pass over the history in batches of `BATCH` events, read by keyset (the journey order's key, no OFFSET) with
only the columns the fold needs (adapters/history_reads.py; on PostgreSQL the next batch is read ahead on a
connection of its own). Each batch is folded in memory (service_layer/bulk_fold.py: the projector's own domain
code, `apply_event`, the timeline's values, the provider links, `attribution` and `moment`, with the projector's
per-event behaviour, so the rows are exactly the live projection's) and its rows are written in bulk
(adapters/bulk.py): COPY on PostgreSQL, multi-row INSERTs on SQLite; moments that differ from the stored ones and
journeys written earlier and changed since by one `UPDATE ... FROM` a temporary table. A read model added to the
projector needs its rows added to the fold (tests/api/test_replay_equivalence.py compares every table with the
live projection's).

By default the whole replay is one transaction: a failed replay leaves the old read models, and the checkpoint
says "voltooid". On PostgreSQL the read models are emptied with TRUNCATE and loaded without their secondary
indexes and foreign keys, which are built again at the end (so readers wait for the replay instead of reading the
old rows; a minute for a million events), and a batch is written while the next one is folded. With
`--checkpoints` every batch is committed with its checkpoint (`replay_checkpoint`: the last `(tijdstip,
volgnummer, event_id)` done) and the journeys it changed, so an interrupted replay (a deploy, a lost connection)
continues with `--resume` instead of starting again, at the price that the read models are partly rebuilt in
between: run it with reporting's consumers stopped (as any replay). A progress bar (rich) goes to stderr when it
is a terminal; `--progress` forces it on.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import aclosing, contextmanager, suppress
from dataclasses import dataclass

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from journey_platform.db import make_engine, make_sessionmaker, utcnow
from reporting.adapters import bulk, history_reads
from reporting.adapters.bulk import table_of
from reporting.adapters.history_reads import Key
from reporting.adapters.orm import (
    Base,
    Gebeurtenis,
    ReplayCheckpoint,
    RijModellen,
    TijdlijnItem,
    Traject,
    TrajectAttributie,
    TrajectZorgaanbieder,
)
from reporting.service_layer.bulk_fold import Fold, Rows, Stored
from reporting.service_layer.stay_rows import rebuild_all
from reporting.service_layer.stored_answers import everything_changed
from reporting.settings import ReportingSettings

BATCH = 2000
# The tables the projector writes, children before parents (the order they are emptied in). A read model added to
# the projector adds its table here.
READ_MODELS: tuple[type[Base], ...] = (TijdlijnItem, TrajectZorgaanbieder, TrajectAttributie, Traject)
_CHECKPOINT = "read-models"
_TURN = 50
write_rows = bulk.write_rows  # a batch's rows into the database (a test replaces it to break a replay halfway)


class NothingToResume(Exception):
    """--resume without a checkpoint of an unfinished replay."""


@dataclass(frozen=True)
class ReplayResult:
    events: int  # replayed by this run
    journeys: int
    seconds: float
    resumed_after: int = 0  # events an earlier, interrupted run had done

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else float("inf")


async def replay(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    checkpoints: bool = False,
    resume: bool = False,
    progress: bool = False,
    batch: int = BATCH,
) -> ReplayResult:
    """Rebuild the read models (see the module docstring); `resume` implies `checkpoints`."""
    started = time.perf_counter()
    checkpoints = checkpoints or resume
    async with sessionmaker() as session:
        checkpoint = await session.get(ReplayCheckpoint, _CHECKPOINT)
        tables, rebuild = [table_of(model) for model in READ_MODELS], []
        if resume:
            if checkpoint is None or checkpoint.voltooid:
                raise NothingToResume("no interrupted replay to resume: run it from scratch (with --checkpoints)")
            last: Key | None = (checkpoint.tijdstip, checkpoint.volgnummer, checkpoint.event_id)
            before = checkpoint.gebeurtenissen
        else:
            await bulk.empty(session, tables)
            await everything_changed(session)  # answers computed from half-built read models are not kept past it
            await session.execute(delete(RijModellen))  # not built until rebuild_all: meanwhile the fold answers
            await session.execute(delete(ReplayCheckpoint))
            if checkpoint is not None:
                session.expunge(checkpoint)
            checkpoint, last, before = None, None, 0
            if checkpoints:
                await session.commit()  # the read models are empty from here on: --resume rebuilds them
            else:  # one transaction: the tables are loaded without their secondary indexes and foreign keys
                rebuild = await bulk.without_secondary(session, tables)
        total = await session.scalar(history_reads.after(select(func.count()).select_from(Gebeurtenis), last)) or 0
        done, written_before = 0, last if resume else None  # journeys an interrupted run wrote, up to `last`
        with _progress_bar(progress) as bar, _without_gc():
            task = bar.add_task("replay", total=total)
            stream = history_reads.batches(sessionmaker, session, last, batch)
            async with _Loader(session, overlap=not checkpoints) as loader, aclosing(stream):
                async for events in stream:
                    if written_before is not None:
                        await history_reads.resume_journeys(session, loader.fold, events, written_before)
                    await loader.add(events)
                    done += len(events)
                    last = history_reads.key_of(events[-1])
                    if checkpoints:
                        await loader.write_journeys()
                        checkpoint = _checkpoint(checkpoint, last, before + done)
                        session.add(checkpoint)
                        await session.commit()
                    bar.advance(task, len(events))
                await loader.write_journeys()
        await bulk.restore(session, rebuild, tables)
        await rebuild_all(session)  # the stay and municipality rows (service_layer/stay_rows.py), from the history
        checkpoint = _checkpoint(checkpoint, last, before + done) if last is not None else None
        if checkpoint is not None:
            checkpoint.voltooid = True
            session.add(checkpoint)
        journeys = await session.scalar(select(func.count()).select_from(Traject)) or 0
        await everything_changed(session)  # the kept indicator answers are computed again from the rebuilt rows
        await session.commit()
    return ReplayResult(done, journeys, time.perf_counter() - started, before)


class _Loader:
    """Folds each batch and writes its rows. With `overlap` (PostgreSQL, one transaction) the rows of a batch are
    written while the next batch is folded, so the database works while Python folds: the fold gives the event loop
    a turn every `_TURN` events, and the COPY in flight goes on (a worker thread instead cost more CPU in handing
    over the GIL than it won)."""

    def __init__(self, session: AsyncSession, *, overlap: bool) -> None:
        self.fold, self.writer = Fold(), bulk.Writer(session)
        self.overlap = overlap and self.writer.postgres
        self.changed: set[uuid.UUID] = set()  # journeys written and changed since (written at a commit and the end)
        self.writing: asyncio.Future[None] | None = None

    async def add(self, events: list[Stored]) -> None:
        rows = Rows()
        for start in range(0, len(events), _TURN):
            self.fold.add(events[start : start + _TURN], rows)
            await asyncio.sleep(0)
        await self._written()
        self.changed |= rows.touched.difference(rows.opened)
        self.writing = asyncio.ensure_future(write_rows(self.writer, rows))
        if not self.overlap:
            await self._written()

    async def write_journeys(self) -> None:
        """Every row written so far, and the journeys as they stand now."""
        await self._written()
        await bulk.write_journeys(self.writer, self.fold, self.changed)
        self.changed.clear()

    async def _written(self) -> None:
        writing, self.writing = self.writing, None
        if writing is not None:
            await writing

    async def __aenter__(self) -> _Loader:
        return self

    async def __aexit__(self, *_: object) -> None:
        """A write still running when the replay failed: stopped, before the session goes."""
        if self.writing is not None:
            self.writing.cancel()
            with suppress(Exception, asyncio.CancelledError):  # the replay's own error is the one raised
                await self.writing


@contextmanager
def _without_gc() -> Iterator[None]:
    """The cyclic garbage collector off during the fold (and back as it was after): the fold makes no reference
    cycles, and the collector's passes over its ever larger state took ~15% of a replay's CPU (100k events)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _checkpoint(checkpoint: ReplayCheckpoint | None, last: Key, done: int) -> ReplayCheckpoint:
    now = utcnow()
    if checkpoint is None:
        checkpoint = ReplayCheckpoint(naam=_CHECKPOINT, gestart_op=now, voltooid=False)
    checkpoint.tijdstip, checkpoint.volgnummer, checkpoint.event_id = last
    checkpoint.gebeurtenissen = done
    checkpoint.bijgewerkt_op = now
    return checkpoint


def _progress_bar(show: bool) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not show,
    )


async def main(database_url: str, *, checkpoints: bool = False, resume: bool = False, progress: bool = False) -> ReplayResult:
    engine = make_engine(database_url)
    try:
        return await replay(make_sessionmaker(engine), checkpoints=checkpoints, resume=resume, progress=progress)
    finally:
        await engine.dispose()


def cli() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="default: REPORTING_DATABASE_URL")
    parser.add_argument("--checkpoints", action="store_true", help="commit every batch with a checkpoint (resumable)")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted --checkpoints replay")
    parser.add_argument("--progress", action="store_true", help="show the progress bar also when stderr is no terminal")
    args = parser.parse_args()
    try:
        result = asyncio.run(
            main(
                args.database_url or ReportingSettings().database_url,
                checkpoints=args.checkpoints,
                resume=args.resume,
                progress=args.progress or sys.stderr.isatty(),
            )
        )
    except NothingToResume as exc:
        parser.exit(2, f"{exc}\n")
    resumed = f" (resumed after {result.resumed_after})" if result.resumed_after else ""
    print(
        f"replayed {result.events} events into {result.journeys} journeys in {result.seconds:.2f}s "
        f"({result.events_per_second:.0f} events/s){resumed}"
    )


if __name__ == "__main__":
    cli()
