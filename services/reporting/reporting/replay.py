"""Rebuild every read model (journeys, timelines, provider links) from the stored event history.

    python -m reporting.replay                 # from scratch, in one transaction (REPORTING_DATABASE_URL)
    python -m reporting.replay --checkpoints   # from scratch, committing every batch with a checkpoint
    python -m reporting.replay --resume        # on from the checkpoint of an interrupted --checkpoints run

The history (`gebeurtenissen`) is reporting's own record of every event it consumed; indicators are
computed from it directly, and the read models are its fold in journey order (time, then the producer's
number among events of the same moment), each event read as the newest version of its contract, so a replay gives the
same journeys and the same indicators.

One pass over the history in batches of `BATCH` events, read by keyset (the journey order's key, no OFFSET). Per batch
the journeys it touches are read in one query, every event goes through the projector's
`project_onto_journey` (the same code as live projection, so a read model added there is rebuilt here too),
and the batch's rows are written in one flush (SQLAlchemy sends the rows of a table as one executemany or
multi-row INSERT), with the checkpoint row (`replay_checkpoint`: the last `(tijdstip, volgnummer, event_id)` done).

By default the whole replay is one transaction, as before: a failed replay leaves the old read models, and the
checkpoint says "voltooid". With `--checkpoints` every batch is committed with its checkpoint, so an interrupted
replay (a deploy, a lost connection) continues with `--resume` instead of starting again, at the price that the
read models are partly rebuilt in between: run it with reporting's consumers stopped (as any replay). A progress
bar (rich) goes to stderr when it is a terminal; `--progress` forces it on.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
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
from reporting.adapters import bulk
from reporting.adapters.bulk import Key, write_rows
from reporting.adapters.orm import (
    Base,
    Gebeurtenis,
    ReplayCheckpoint,
    TijdlijnItem,
    Traject,
    TrajectAttributie,
    TrajectZorgaanbieder,
)
from reporting.service_layer.bulk_fold import Fold
from reporting.settings import ReportingSettings

BATCH = 2000
# The tables the projector writes, children before parents (the order they are emptied in). A read model added to
# the projector adds its table here.
READ_MODELS: tuple[type[Base], ...] = (TijdlijnItem, TrajectZorgaanbieder, TrajectAttributie, Traject)
_CHECKPOINT = "read-models"


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
        if resume:
            if checkpoint is None or checkpoint.voltooid:
                raise NothingToResume("no interrupted replay to resume: run it from scratch (with --checkpoints)")
            last: Key | None = (checkpoint.tijdstip, checkpoint.volgnummer, checkpoint.event_id)
            before = checkpoint.gebeurtenissen
        else:
            for table in READ_MODELS:
                await session.execute(delete(table))
            await session.execute(delete(ReplayCheckpoint))
            if checkpoint is not None:
                session.expunge(checkpoint)
            checkpoint, last, before = None, None, 0
            if checkpoints:
                await session.commit()  # the read models are empty from here on: --resume rebuilds them
        total = await session.scalar(bulk.after(select(func.count()).select_from(Gebeurtenis), last)) or 0
        fold, writer, done = Fold(), bulk.Writer(session), 0
        written_before = last if resume else None  # journeys an interrupted run wrote, up to here
        changed: set[uuid.UUID] = set()  # journeys written and changed since (their rows are written at a commit)
        with _progress_bar(progress) as bar:
            task = bar.add_task("replay", total=total)
            while events := await bulk.read_batch(session, last, batch):
                if written_before is not None:
                    unknown = list({e.traject_id for e in events if e.traject_id is not None} - fold.journeys.keys())
                    await bulk.resume_journeys(session, fold, unknown, written_before)
                rows = fold.add(events)
                await write_rows(writer, fold, rows)
                changed |= rows.touched.difference(rows.opened)
                done += len(events)
                last = bulk.key_of(events[-1])
                if checkpoints:
                    await bulk.write_journeys(writer, fold, changed)
                    changed.clear()
                    checkpoint = _checkpoint(checkpoint, last, before + done)
                    session.add(checkpoint)
                    await session.commit()
                bar.advance(task, len(events))
        await bulk.write_journeys(writer, fold, changed)
        checkpoint = _checkpoint(checkpoint, last, before + done) if last is not None else None
        if checkpoint is not None:
            checkpoint.voltooid = True
            session.add(checkpoint)
        journeys = await session.scalar(select(func.count()).select_from(Traject)) or 0
        await session.commit()
    return ReplayResult(done, journeys, time.perf_counter() - started, before)


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
