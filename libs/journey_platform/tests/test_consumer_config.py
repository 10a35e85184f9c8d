"""A consumer group with batch handlers fetches larger batches than one that applies its events one by one."""

from typing import Any

from journey_platform.messaging.consumer import ConsumerConfig
from journey_platform.messaging.consumer_base import BATCHED_MAX_RECORDS
from journey_platform.runtime import Subscription, consumer_config
from journey_platform.settings import ServiceSettings


async def handle(event: Any, uow: Any) -> None:
    return None


async def handle_many(events: list[Any], uow: Any) -> None:
    return None


def test_a_group_with_batch_handlers_fetches_more_records_at_a_time() -> None:
    settings = ServiceSettings()
    one_by_one = Subscription(name="one-by-one", producers=("intake",), handlers={"x.v1": handle})
    batched = Subscription(name="batched", producers=("intake",), handlers={"x.v1": handle}, batch_handlers={"x.v1": handle_many})
    assert consumer_config(settings, one_by_one).max_records == ConsumerConfig.max_records == 200
    assert consumer_config(settings, batched).max_records == BATCHED_MAX_RECORDS == 500
    assert consumer_config(settings, batched).name == "batched"


def test_the_fetch_wait_and_the_batch_limit_come_from_the_settings() -> None:
    settings = ServiceSettings(consumer_fetch_max_wait_ms=40, consumer_batch_max_records=300)
    batched = Subscription(name="batched", producers=("intake",), handlers={"x.v1": handle}, batch_handlers={"x.v1": handle_many})
    one_by_one = Subscription(name="one-by-one", producers=("intake",), handlers={"x.v1": handle})
    assert consumer_config(settings, batched).fetch_max_wait_ms == consumer_config(settings, one_by_one).fetch_max_wait_ms == 40
    assert consumer_config(settings, batched).max_records == 300
    assert consumer_config(settings, one_by_one).max_records == ConsumerConfig.max_records
