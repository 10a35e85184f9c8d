"""A report in intake reaches a municipality's webhook and the public topic, over the real broker.

On a broker of its own: group members other tests may leave behind in the session broker's groups
(seen as endless rebalancing of `reporting` and `notifications`) must not hold this test's partitions."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer
from standardwebhooks.webhooks import Webhook

from journey_platform.devbroker import LocalBroker
from journey_platform.testing.plugin import check_broker_for_personal_data, free_port
from journey_platform.testing.privacy import PostedPersonalData
from journey_platform.testing.waiting import eventually
from reporting.subscriptions.testing import Receiver

from .conftest import a_report

pytestmark = pytest.mark.e2e


@pytest.fixture
def own_broker(posted_personal_data: PostedPersonalData) -> Iterator[LocalBroker]:
    local = LocalBroker(free_port())
    local.start()
    try:
        yield local
        check_broker_for_personal_data(local, posted_personal_data)
    finally:
        local.stop()


async def test_a_report_reaches_the_municipalitys_webhook_and_the_public_topic(
    own_broker: LocalBroker, start_service: Any, auth: Any
) -> None:
    broker = own_broker
    intake = await start_service("intake", broker=broker)
    reporting = await start_service("reporting", broker=broker, webhook_poll_interval_seconds=0.05)
    zwolle = auth("gemeente", "GM0193")
    async with Receiver().running() as receiver:
        body = {"callbackUrl": receiver.url, "auth": receiver.expected_auth, "kanalen": ["meldingen"]}
        subscription = (await reporting.client.post("/v1/abonnementen", json=body, headers=zwolle)).json()

        created = (await intake.client.post("/v1/meldingen", json=a_report(), headers=zwolle)).json()
        delivered = await eventually(receiver.first_event)

    event = Webhook(subscription["geheim"]).verify(delivered.body, delivered.headers)
    assert event["subject"] == created["trajectId"]
    assert event["data"]["gebeurtenis"] == "nl.opvangketen.intake.melding-geregistreerd.v1"
    await _public_topic_carries(broker, created["trajectId"])


async def _public_topic_carries(broker: LocalBroker, traject_id: str) -> None:
    consumer = AIOKafkaConsumer(
        "opvangketen.public.intake",
        bootstrap_servers=broker.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    await consumer.start()
    try:

        async def found() -> dict[str, Any] | None:
            for records in (await consumer.getmany(timeout_ms=200)).values():
                for record in records:
                    message = json.loads(record.value)
                    if message["subject"] == traject_id:
                        return message  # type: ignore[no-any-return]  # a decoded SSE message is JSON (Any)
            return None

        message = await eventually(found)
    finally:
        await consumer.stop()
    assert message["type"] == "nl.opvangketen.public.intake-gebeurtenis.v1"
    assert "meldDatum" not in message["data"] and message["data"]["gemeenteMelding"] == "GM0193"
