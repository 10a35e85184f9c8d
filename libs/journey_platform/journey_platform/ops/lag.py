"""Consumer-group lag per partition: the partition's high watermark minus the group's committed offset.

The same measure as the consumers' own `opvangketen_consumer_lag` (EventConsumer.lag): the high watermark a
fetch response reports, or the listed end offset where that is higher. The listed end offsets alone can trail
the log on the local broker, which made this command show 0 while consumers were behind (issue 15)."""

from __future__ import annotations

import time
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from journey_platform.messaging.kafka import new_reader, partitions_of


async def committed_offsets(
    bootstrap_servers: str, group: str, partitions: list[TopicPartition] | None, **security: Any
) -> dict[TopicPartition, int]:
    """The group's commits on `partitions`, or on every partition it committed on when None
    (the local broker answers only the first form; Kafka both)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="opvangketen-ops", **security)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group, partitions=partitions or None)
    finally:
        await admin.close()
    return {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}


async def fetched_highwater(
    reader: AIOKafkaConsumer, positions: dict[TopicPartition, int], timeout: float = 3.0
) -> dict[TopicPartition, int | None]:
    """The high watermark per partition as a fetch from `positions` reports it (None where no fetch answered
    within `timeout`). Nothing is committed: the reader's group is a throwaway one."""
    if not positions:
        return {}
    reader.assign(list(positions))
    for tp, offset in positions.items():
        reader.seek(tp, offset)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(reader.highwater(tp) is None for tp in positions):
        await reader.getmany(*positions, timeout_ms=200, max_records=1)
    return {tp: reader.highwater(tp) for tp in positions}


async def group_lag(bootstrap_servers: str, group: str, topics: list[str], **security: Any) -> dict[str, Any]:
    """Lag of `group` on every partition of `topics` (or, without topics, every partition it committed on)."""
    reader = new_reader(bootstrap_servers, **security)
    await reader.start()
    try:
        partitions = [tp for topic in topics for tp in await partitions_of(reader, topic)]
        committed = await committed_offsets(bootstrap_servers, group, partitions or None, **security)
        ordered = sorted(set(partitions) | set(committed))
        listed = await reader.end_offsets(ordered) if ordered else {}
        begins = await reader.beginning_offsets(ordered) if ordered else {}
        highwater = await fetched_highwater(reader, {tp: committed.get(tp, begins[tp]) for tp in ordered})
        ends = {tp: max(highwater.get(tp) or 0, listed[tp]) for tp in ordered}
    finally:
        await reader.stop()
    rows = [
        {
            "topic": tp.topic,
            "partition": tp.partition,
            "committed": committed.get(tp),
            "end": ends[tp],
            "lag": max(ends[tp] - committed.get(tp, begins[tp]), 0),
        }
        for tp in ordered
    ]
    return {"group": group, "totalLag": sum(r["lag"] for r in rows), "partitions": rows}
