"""Fault: the broker loses everything mid-load (the in-memory broker killed, an empty one started on its port;
with Apache Kafka: an unclean leader election, a restore). Every report intake accepted still reaches
reporting, placement and housing exactly once, with no operator action: the relay sees the loss and
republishes its retention window, the consumers re-read, the inboxes drop what was applied already."""

from typing import Any

import pytest

from journey_platform.devbroker import LocalBroker

from .faults import kill_broker_mid_load, start_chain

pytestmark = [pytest.mark.e2e, pytest.mark.fault]


async def test_every_accepted_report_arrives_once_after_the_broker_lost_its_data(
    broker: LocalBroker, start_service: Any, auth: Any
) -> None:
    # `broker` before `start_service`: the services stop before the broker does.
    chain = await start_chain(start_service, broker)
    outcome = await kill_broker_mid_load(chain, broker, auth(), reports=60, timeout=75)
    assert outcome.lost == {"reporting": 0, "placement": 0, "housing": 0}, outcome
    assert outcome.duplicated == 0, outcome
    assert outcome.converged_after is not None, outcome
    assert outcome.dead_lettered == 0, outcome  # no operator action: nothing to redrive either
    relay = chain.intake.container.relay
    assert relay is not None and relay.losses_detected >= 1  # healed by the relay, not by luck
