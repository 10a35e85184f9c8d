"""The indicator worker's memory (issue 18): facts built partition by partition make the same History as all rows at
once, with equal strings kept once; the facts and stays carry no __dict__; the worker gives memory back after an answer.
"""

import asyncio
import json
import random
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reporting.domain.indicators.history import Fact, History, Stay, WaitEntry
from reporting.service_layer import indicator_worker
from reporting.service_layer.read_models import ScopedFacts, facts_of, journey_rank

NAMES = ("opname-geregistreerd", "uitgestroomd", "aangemeld-op-wachtlijst", "wachtlijst-verlaten", "verhuisd")


def rows(count: int, seed: int) -> list[tuple[Any, ...]]:
    """Scoped rows (`read_models.scoped_query`): few distinct times and moments, so many ties to order."""
    pick = random.Random(seed)
    journeys = [uuid.UUID(int=pick.getrandbits(128)) for _ in range(6)] + [None]
    found = []
    for _ in range(count):
        tijdstip = datetime(2024, 1, 1, 12, tzinfo=UTC) + timedelta(hours=pick.randrange(4))
        moment = None if pick.random() < 0.2 else datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=pick.randrange(3))
        name = pick.choice(NAMES)
        data = {"clientId": f"client-{pick.randrange(3)}", "gemeente": pick.choice(["GM0150", "GM0193"]), "n": pick.random()}
        if moment is None:  # the moment from the payload, as Fact.of reads it
            data["opgenomenOp" if name == "opname-geregistreerd" else "verhuisdOp"] = f"2024-01-0{pick.randrange(1, 4)}"
        volgnummer = pick.choice([None, 0, 1, 2, -5, 2**40])
        event_id = uuid.UUID(int=pick.getrandbits(128))
        event_type = f"nl.opvangketen.placement.{name}.v1"
        found.append((event_type, tijdstip, volgnummer, event_id, pick.choice(journeys), moment, json.dumps(data)))
    return found


def all_rows_at_once(scoped: list[tuple[Any, ...]]) -> History:
    """How facts_of made a History before: every row, sorted into journey order, one fact each, then History's sort."""
    facts = []
    for event_type, tijdstip, _, _, traject_id, moment, text in sorted(scoped, key=lambda r: (r[1], r[2] or 0, r[3])):
        data = json.loads(text)
        facts.append(
            Fact.of(event_type, tijdstip, traject_id, data) if moment is None else Fact(event_type, moment, traject_id, data)
        )
    return History(facts)


def as_values(history: History) -> list[tuple[Any, ...]]:
    return [(f.event_type, f.moment, f.traject_id, f.data) for f in history.facts]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_facts_built_per_partition_in_any_order_make_the_same_history(seed: int) -> None:
    scoped = rows(400, seed)
    expected = all_rows_at_once(scoped)
    shuffled = scoped[:]
    random.Random(seed).shuffle(shuffled)
    facts, start = ScopedFacts(), 0
    for size in (0, 1, 37, 150, 1000):  # partitions of any size, one empty
        facts.add(shuffled[start : start + size])
        start += size
    built = facts.history()

    assert as_values(built) == as_values(expected)
    assert as_values(facts_of(scoped)) == as_values(expected)
    day = date(2024, 1, 2)
    for name in NAMES:  # what the indicators read: the same facts per name and per journey, in the same order
        assert built.as_of(day).named(name) == expected.as_of(day).named(name)
    assert [built.as_of(day).journey(r[4]) for r in scoped if r[4]] == [expected.as_of(day).journey(r[4]) for r in scoped if r[4]]


def test_equal_strings_moments_and_journey_ids_are_kept_once() -> None:
    journey = uuid.uuid4()
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    row = ("nl.opvangketen.placement.verhuisd.v1", moment, 1, uuid.uuid4(), journey, moment, '{"gemeente": "GM0150"}')
    facts = ScopedFacts()
    for _ in range(2):  # each row its own objects, as a driver returns them
        facts.add([(row[0][:], moment + timedelta(0), 1, uuid.uuid4(), uuid.UUID(str(journey)), moment + timedelta(0), row[6])])
    first, second = facts.history().facts

    assert first.data == second.data == {"gemeente": "GM0150"}
    assert first.event_type is second.event_type and first.data["gemeente"] is second.data["gemeente"]
    assert first.moment is second.moment and first.traject_id is second.traject_id


def test_the_journey_rank_sorts_as_the_journey_order() -> None:
    pick = random.Random(18)
    keys = [
        (
            datetime(1960, 1, 1, tzinfo=UTC) + timedelta(microseconds=pick.randrange(2**50) // 8 * pick.choice([0, 1])),
            pick.choice([None, 0, -(2**63), 2**63 - 1, -1, 7]),
            uuid.UUID(int=pick.choice([0, 2**128 - 1, pick.getrandbits(128)])),
        )
        for _ in range(500)
    ]
    by_tuple = sorted(keys, key=lambda k: (k[0], k[1] or 0, k[2]))
    assert sorted(keys, key=lambda k: journey_rank(*k)) == by_tuple
    naive = [(t.replace(tzinfo=None), v, e) for t, v, e in keys]  # SQLite's timestamps
    assert sorted(naive, key=lambda k: journey_rank(*k)) == [(t.replace(tzinfo=None), v, e) for t, v, e in by_tuple]


def test_facts_stays_and_wait_entries_carry_no_dict() -> None:
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    for made in (
        Fact("t", moment, None, {}),
        Stay("s", None, None, None, "mo", None, moment),
        WaitEntry("w", None, None, moment),
    ):
        assert not hasattr(made, "__dict__"), type(made)


def test_the_worker_gives_memory_back_after_each_answer_and_each_outage(monkeypatch: pytest.MonkeyPatch) -> None:
    released: list[str] = []
    an_answer: Any = object()
    outcomes: list[Any] = [an_answer, OSError("connection refused")]

    async def ask_with(*_: Any) -> Any:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    @asynccontextmanager
    async def session() -> AsyncIterator[None]:
        yield None

    loop = asyncio.new_event_loop()
    worker = indicator_worker._Worker(loop, None, session, None, None, None)  # type: ignore[arg-type]  # the fake reads none
    monkeypatch.setattr(indicator_worker, "_worker", worker)
    monkeypatch.setattr(indicator_worker, "ask_with", ask_with)
    monkeypatch.setattr(indicator_worker, "release_memory", lambda: released.append("released"))
    try:
        assert indicator_worker._answer_in_worker(None) is an_answer  # type: ignore[arg-type]  # the fake reads no question
        assert released == ["released"]
        assert isinstance(indicator_worker._answer_in_worker(None), indicator_worker._Outage)  # type: ignore[arg-type]  # as above
        assert released == ["released", "released"]
    finally:
        loop.close()


def test_release_memory_trims_where_glibc_can_and_is_harmless_where_it_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    trimmed: list[int] = []
    monkeypatch.setattr(indicator_worker, "_malloc_trim", lambda: trimmed.append)
    indicator_worker.release_memory()
    assert trimmed == [0]

    monkeypatch.setattr(indicator_worker, "_malloc_trim", lambda: None)
    indicator_worker.release_memory()  # no glibc: only the collection


def test_the_real_trim_runs() -> None:
    trim = indicator_worker._malloc_trim()
    if trim is None:
        pytest.skip("no glibc malloc_trim here")
    indicator_worker.release_memory()  # the call itself, with the process's own allocator
    assert trim(0) in (0, 1)


def test_usage_reads_the_resident_and_peak_memory(tmp_path: Path) -> None:
    status = tmp_path / "status"
    status.write_text("Name:\tpython\nVmHWM:\t  409600 kB\nVmRSS:\t  102400 kB\nThreads:\t3\n")
    assert indicator_worker.usage(status) == indicator_worker._Usage(100.0, 400.0)
    assert indicator_worker.usage(tmp_path / "missing") is None  # no /proc: nothing known
    status.write_text("Name:\tpython\n")
    assert indicator_worker.usage(status) is None


class Pool:
    """Stands in for the worker's ProcessPoolExecutor: no process is started."""

    def __init__(self) -> None:
        self.stopped, self.submitted = False, list[Any]()

    def shutdown(self, wait: bool) -> None:
        self.stopped = not wait

    def submit(self, task: Any) -> Any:
        self.submitted.append(task)
        return None


def fake_pools(monkeypatch: pytest.MonkeyPatch, bound: float | None, idle: float) -> tuple[Any, Pool, Pool]:
    worker = indicator_worker.InProcess("unused", None, None, bound, idle)  # type: ignore[arg-type]  # no question is asked
    old, new = Pool(), Pool()
    worker._pool = old  # type: ignore[assignment]  # the fake pool
    monkeypatch.setattr(worker, "_new_pool", lambda: new)
    return worker, old, new


@pytest.mark.parametrize(
    ("bound", "resident", "replaced"),
    [(160, 161.0, True), (160, 160.0, False), (160, 90.0, False), (None, 5000.0, False)],
)
async def test_a_worker_is_replaced_only_when_it_keeps_more_than_the_bound_and_no_question_comes(
    monkeypatch: pytest.MonkeyPatch, bound: float | None, resident: float, replaced: bool
) -> None:
    worker, old, new = fake_pools(monkeypatch, bound, 0.05)
    worker._after(indicator_worker._Usage(resident, 700.0))
    assert worker.peak_mib == 700.0 and worker.kept_mib == resident
    assert worker._pool is old and not old.stopped  # not at once: another question may follow

    await worker.settled()
    pool: Any = worker._pool  # the fake pools are not ProcessPoolExecutors
    assert worker.replaced == int(replaced) and old.stopped is replaced
    assert pool is (new if replaced else old)
    assert new.submitted == ([indicator_worker._ready] if replaced else [])  # the successor started at once
    worker._after(None)  # nothing known (no /proc): kept
    await asyncio.sleep(0.1)
    assert worker._pool is pool


async def test_a_question_before_the_idle_time_keeps_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    worker, old, _ = fake_pools(monkeypatch, 160, 0.05)
    worker._after(indicator_worker._Usage(500.0, 700.0))
    worker._keep()  # what `ask` does first: the next question comes
    await asyncio.sleep(0.1)
    assert worker._pool is old and worker.replaced == 0

    worker._after(indicator_worker._Usage(500.0, 700.0))
    async with worker._one_at_a_time:  # a question being answered when the time is up: it decides after its answer
        await asyncio.sleep(0.1)
    assert worker._pool is old and worker.replaced == 0
