"""Indicators answered by the worker process (service_layer/indicator_worker.py): the same answers as in a thread,
the serving process never folds, a killed worker is replaced, and a database the worker cannot reach is 503."""

import os
import signal
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete

from journey_platform.errors import Unavailable
from journey_platform.reference import load_reference_data
from journey_platform.testing.plugin import RunningService
from reporting.adapters.orm import IndicatorAntwoord, IndicatorAntwoordBron
from reporting.domain.indicators.targets import load_doelen
from reporting.service_layer import indicator_worker
from reporting.service_layer.indicator_worker import InProcess, Question
from reporting.service_layer.scope import Scope, resolve_window

from .test_indicatoren import CT_MI, Q, bw_region


async def forget_answers(service: RunningService) -> None:
    async with service.container.sessionmaker() as session, session.begin():
        await session.execute(delete(IndicatorAntwoordBron))
        await session.execute(delete(IndicatorAntwoord))


async def test_the_worker_process_answers_as_the_thread_does_and_is_replaced_when_it_dies(start_service: Any, auth: Any) -> None:
    in_thread = await start_service("reporting", indicator_worker="thread")
    await bw_region(in_thread)
    in_process: RunningService = await start_service("reporting", indicator_worker="process")
    worker = in_process.container.extras["indicator_answers"].inner  # the worker behind the answer store
    assert isinstance(worker, InProcess) and worker.worker_pid is None  # started at the first question, not before

    for path in ("/v1/indicatoren", "/v1/indicatoren/bw-clienten", "/v1/indicatoren/bw-wachttijd"):
        expected = await in_thread.client.get(path, params=Q, headers=auth(*CT_MI))
        await forget_answers(in_process)  # one database: the thread's answer would be served from the store
        answered = await in_process.client.get(path, params=Q, headers=auth(*CT_MI))
        assert answered.status_code == expected.status_code == 200, answered.text
        assert answered.json() == expected.json()
    assert answered.json()["perGemeente"]  # a detail, not an empty answer
    first = worker.worker_pid
    assert first is not None and first != os.getpid()  # folded in another process

    os.kill(first, signal.SIGKILL)  # out of memory, or killed
    # the same question is answered from the store; another one needs the worker, which is replaced
    kept = await in_process.client.get("/v1/indicatoren/bw-clienten", params=Q, headers=auth(*CT_MI))
    assert kept.status_code == 200 and kept.json()["waarde"] == 3
    again = await in_process.client.get(
        "/v1/indicatoren/bw-clienten", params={**Q, "peildatum": "2024-01-02"}, headers=auth(*CT_MI)
    )
    assert again.status_code == 200 and again.json()["waarde"] == 3
    assert worker.worker_pid not in (None, first)


async def test_a_database_the_worker_cannot_reach_is_unavailable() -> None:
    reference = load_reference_data(None)
    region = reference.region("midden-ijssel")
    assert region is not None
    codes = tuple(m.code for m in region.municipalities)
    scope = Scope(region.code, None, codes, codes)
    window = resolve_window(scope, date(2024, 1, 1), None, None, None)
    worker = InProcess("postgresql+asyncpg://nobody@127.0.0.1:1/nowhere", load_doelen(None), reference)
    try:
        with pytest.raises(Unavailable):
            await worker.ask(None, Question(scope, window))  # type: ignore[arg-type]  # the worker has its own session
    finally:
        await worker.close()


async def test_a_worker_that_keeps_more_than_the_bound_after_an_answer_is_replaced_once_idle(
    start_service: Any, auth: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_thread = await start_service("reporting", indicator_worker="thread")
    await bw_region(in_thread)
    monkeypatch.setattr(indicator_worker, "IDLE_SECONDS", 0.2)
    # a bound of 0 MiB: every worker keeps more than that, so each answer is the last of its worker
    in_process: RunningService = await start_service("reporting", indicator_worker="process", indicator_worker_max_rss_mib=0)
    worker = in_process.container.extras["indicator_answers"].inner
    assert isinstance(worker, InProcess)

    pids = []
    for path in ("/v1/indicatoren", "/v1/indicatoren/bw-clienten"):
        expected = await in_thread.client.get(path, params=Q, headers=auth(*CT_MI))
        await forget_answers(in_process)
        answered = await in_process.client.get(path, params=Q, headers=auth(*CT_MI))
        assert answered.status_code == expected.status_code == 200, answered.text
        assert answered.json() == expected.json()
        answering = worker.worker_pid
        await worker.settled()  # no question for IDLE_SECONDS: replaced, and its successor started before any asks
        assert worker.worker_pid not in (None, answering)
        pids.append(worker.worker_pid)
        os.kill(pids[-1], 0)  # alive (raises when it is not)
    assert worker.replaced == 2 and len(set(pids)) == 2
    assert worker.peak_mib > 0  # each replaced worker reported its peak


async def test_a_worker_below_the_bound_is_kept(start_service: Any, auth: Any) -> None:
    reporting: RunningService = await start_service("reporting", indicator_worker="process", indicator_worker_max_rss_mib=100_000)
    await bw_region(reporting)
    worker = reporting.container.extras["indicator_answers"].inner
    assert isinstance(worker, InProcess)
    pids = []
    for path in ("/v1/indicatoren", "/v1/indicatoren/bw-clienten"):
        assert (await reporting.client.get(path, params=Q, headers=auth(*CT_MI))).status_code == 200
        pids.append(worker.worker_pid)
    assert pids[0] is not None and pids == [pids[0]] * 2 and worker.replaced == 0
