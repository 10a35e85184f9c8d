"""Outbox, inbox and journey-sequence tables, added to each service's own metadata."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Index, Integer, MetaData, String, Table, Text, Uuid

from journey_platform.db import JSONType, UTCDateTime

SeqType = BigInteger().with_variant(Integer(), "sqlite")


class MessagingTables:
    def __init__(self, metadata: MetaData, *, late_registrations: bool = False) -> None:
        self.outbox = Table(
            "outbox",
            metadata,
            Column("seq", SeqType, primary_key=True, autoincrement=True),
            Column("event_id", Uuid, nullable=False, unique=True),
            Column("event_type", String(200), nullable=False),
            Column("topic", String(200), nullable=False),
            Column("message_key", String(100), nullable=False),
            Column("payload", Text, nullable=False),
            Column("headers", JSONType, nullable=False),
            Column("created_at", UTCDateTime, nullable=False),
            Column("published_at", UTCDateTime, nullable=True),
            Column("attempts", Integer, nullable=False, default=0),
            Column("last_error", Text, nullable=True),
        )
        Index("ix_outbox_unpublished", self.outbox.c.published_at, self.outbox.c.seq)
        # The last number a producer gave an event of each journey (the `trajectvolgnummer` extension):
        # raised in the transaction that writes the event's outbox row (messaging/uow.py).
        self.journey_sequences = Table(
            "journey_sequences",
            metadata,
            Column("traject_id", Uuid, primary_key=True),
            Column("last_sequence", BigInteger, nullable=False),
        )
        self.inbox = Table(
            "inbox",
            metadata,
            Column("consumer", String(100), primary_key=True),
            Column("event_id", Uuid, primary_key=True),
            Column("event_type", String(200), nullable=False),
            Column("topic", String(200), nullable=False),
            Column("partition", Integer, nullable=False),
            Column("offset", BigInteger, nullable=False),
            Column("processed_at", UTCDateTime, nullable=False),
        )
        # A service that takes commands with moments keeps who registered which moment late, why, and when
        # (journey_platform/backdating.py, docs/late-registration.md); the journey view shows them.
        self.late_registrations: Table | None = None
        if late_registrations:
            self.late_registrations = Table(
                "late_registrations",
                metadata,
                Column("id", Uuid, primary_key=True),
                Column("traject_id", Uuid, nullable=True, index=True),
                Column("veld", String(60), nullable=False),
                Column("moment", UTCDateTime, nullable=False),
                Column("vastgelegd_op", UTCDateTime, nullable=False),
                Column("vastgelegd_door", String(100), nullable=False),
                Column("vastgelegd_door_subject", String(200), nullable=False),
                Column("reden", Text, nullable=True),
                Column("geimporteerd", Boolean, nullable=False, default=False),
            )
