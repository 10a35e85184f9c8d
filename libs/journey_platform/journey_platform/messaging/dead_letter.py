"""Dead-lettering: a message that cannot be applied goes to the consumer's dead-letter topic with the error and
its original headers, retried with a fresh producer while the broker is away, so that it is never lost."""

import logging
from collections.abc import Awaitable

from aiokafka import ConsumerRecord
from aiokafka.errors import KafkaError
from tenacity import RetryCallState

from journey_platform.messaging.consumer_base import ConsumerBase
from journey_platform.retry import backoff, failure

log = logging.getLogger(__name__)


def dead_letter_topic(consumer_name: str) -> str:
    return f"opvangketen.{consumer_name}.dlt"


class DeadLettering(ConsumerBase):
    async def close(self) -> None:
        if self._dlt_producer is not None:
            await self._dlt_producer.stop()
            self._dlt_producer = None

    async def _publish_dead_letter(self, record: ConsumerRecord, headers: list[tuple[str, bytes]]) -> None:
        if self._dlt_producer is None:
            self._dlt_producer = self._dlt_producer_factory()
            await self._dlt_producer.start()
        await self._dlt_producer.send_and_wait(
            dead_letter_topic(self.config.name), value=record.value, key=record.key, headers=headers
        )

    async def _dead_letter(self, record: ConsumerRecord, error: str, attempts: int) -> None:
        headers = list(record.headers or ()) + [
            ("dlt-error", error[:2000].encode("utf-8", "backslashreplace")),
            ("dlt-consumer", self.config.name.encode()),
            ("dlt-original-topic", record.topic.encode()),
            ("dlt-original-partition", str(record.partition).encode()),
            ("dlt-original-offset", str(record.offset).encode()),
            ("dlt-attempts", str(attempts).encode()),
        ]

        def waiting(state: RetryCallState) -> Awaitable[None]:
            log.warning("%s: dead-letter publish failed (%s); retrying with a fresh producer", self.config.name, failure(state))
            return self.close()

        # The message must not be lost: only a broker outage keeps us here, 0.2 s, 0.4 s, ... at most 10 s apart. While
        # stopping, a failure goes out as it is (the record stays uncommitted).
        retrying = backoff(
            retry_on=lambda exc: isinstance(exc, (KafkaError, OSError)) and not self._stop.is_set(),
            first=0.2,
            cap=10.0,
            before_sleep=waiting,
            wake=self._stop,
        )
        await retrying(self._publish_dead_letter, record, headers)
        self.dead_lettered += 1
        self.metrics.dead_lettered.labels(self.name).inc()
        log.error("%s: dead-lettered %s[%d]@%d: %s", self.config.name, record.topic, record.partition, record.offset, error)
