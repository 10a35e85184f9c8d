"""`make soak` (SOAK_MINUTES, default 30): the broker-loss fault of test_broker_data_loss.py, over and over against
the same running services, for as long as asked; prints per round and in total how many reports were accepted,
lost and applied twice, how long the chain took to converge after each fresh broker started, and whether every
consumer and relay is still running. Skipped unless OPVANGKETEN_SOAK_MINUTES is set (the Makefile sets it)."""

import os
import statistics
import time
from typing import Any

import pytest

from journey_platform.devbroker import LocalBroker

from .faults import kill_broker_mid_load, start_chain

MINUTES = float(os.environ.get("OPVANGKETEN_SOAK_MINUTES", "0"))

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.soak,
    pytest.mark.skipif(MINUTES <= 0, reason="`make soak` runs it (OPVANGKETEN_SOAK_MINUTES)"),
]


async def test_soak_broker_data_loss(broker: LocalBroker, start_service: Any, auth: Any) -> None:
    chain = await start_chain(start_service, broker)
    headers = auth()
    ends = time.monotonic() + MINUTES * 60
    converged: list[float] = []
    rounds = lost = duplicated = dead_lettered = 0
    while time.monotonic() < ends:
        rounds += 1
        outcome = await kill_broker_mid_load(chain, broker, headers, reports=30, timeout=120)
        lost, duplicated, dead_lettered = sum(outcome.lost.values()), outcome.duplicated, outcome.dead_lettered
        if outcome.converged_after is not None:
            converged.append(outcome.converged_after)
        print(
            f"round {rounds}: accepted {outcome.accepted}, lost {outcome.lost}, duplicated {duplicated}, "
            f"dead-lettered {dead_lettered}, "
            f"converged after {outcome.converged_after if outcome.converged_after is None else round(outcome.converged_after, 1)} s",
            flush=True,
        )
    services = [chain.intake, *chain.followers.values()]
    alive = {s.name: all(not task.done() for task in s.container.tasks) for s in services}
    relays = {s.name: (s.container.relay.losses_detected if s.container.relay else 0) for s in services}
    print(
        f"\nsoak: {MINUTES:g} min, {rounds} broker losses, {len(chain.accepted)} reports accepted; "
        f"lost {lost}, duplicated {duplicated}, dead-lettered {dead_lettered}; "
        f"time to converge median {statistics.median(converged) if converged else float('nan'):.1f} s, "
        f"max {max(converged) if converged else float('nan'):.1f} s; "
        f"losses the relays healed {relays}; every consumer and relay running: {alive}",
        flush=True,
    )
    assert lost == 0 and duplicated == 0 and dead_lettered == 0
    assert all(alive.values()), alive
