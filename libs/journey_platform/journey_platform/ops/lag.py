"""Consumer-group lag per partition: the topic's end offset minus the group's committed offset."""

from __future__ import annotations

from typing import Any

from aiokafka import TopicPartition
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


async def group_lag(bootstrap_servers: str, group: str, topics: list[str], **security: Any) -> dict[str, Any]:
    """Lag of `group` on every partition of `topics` (or, without topics, every partition it committed on)."""
    reader = new_reader(bootstrap_servers, **security)
    await reader.start()
    try:
        partitions = [tp for topic in topics for tp in await partitions_of(reader, topic)]
        committed = await committed_offsets(bootstrap_servers, group, partitions or None, **security)
        ordered = sorted(set(partitions) | set(committed))
        ends = await reader.end_offsets(ordered) if ordered else {}
        begins = await reader.beginning_offsets(ordered) if ordered else {}
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
