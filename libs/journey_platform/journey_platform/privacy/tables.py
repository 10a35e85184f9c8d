"""The `verwerkingen` table, added to each service's own metadata (like the outbox and inbox)."""

from __future__ import annotations

from sqlalchemy import Column, Index, MetaData, String, Table, Uuid

from journey_platform.db import UTCDateTime

TABLE_NAME = "verwerkingen"


def processing_log_table(metadata: MetaData) -> Table:
    """One row per (request, data subject, operation). Never a concrete path, body or name: the route
    template, and the data subject only as a keyed pseudonym (see `pseudonyms.py`)."""
    table = Table(
        TABLE_NAME,
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("tijdstip", UTCDateTime, nullable=False),
        Column("dienst", String(30), nullable=False),
        Column("trace_id", String(32), nullable=True),
        Column("span_id", String(16), nullable=True),
        Column("parent_span_id", String(16), nullable=True),
        Column("actor", String(200), nullable=False),
        Column("organisatie_type", String(30), nullable=False),
        Column("organisatie_id", String(60), nullable=False),
        Column("verwerkingsactiviteit", String(100), nullable=False),
        Column("doel", String(300), nullable=False),
        Column("grondslag", String(300), nullable=False),
        Column("betrokkene", String(64), nullable=False),
        Column("handeling", String(20), nullable=False),
        Column("resultaat", String(20), nullable=False),
        Column("methode", String(10), nullable=False),
        Column("route", String(200), nullable=False),
    )
    Index("ix_verwerkingen_betrokkene_tijdstip", table.c.betrokkene, table.c.tijdstip)
    Index("ix_verwerkingen_tijdstip", table.c.tijdstip)
    return table
