"""indicator read models: each stored event's moment (indexed) and every journey's attribution to municipalities and
facilities, so an indicator request loads only the facts its scope and reference date can touch (issue 18 item 1).

Existing deployments: both are backfilled from the stored history here, in batches (domain/indicators/attribution.py,
the same functions the projector uses per event).

Revision ID: 0009_indicator_read_models
Revises: 0008_registration_kind
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0009_indicator_read_models"
down_revision = "0009_client_experience"
branch_labels = None
depends_on = None

BATCH = 5000

def upgrade() -> None:
    with op.batch_alter_table("gebeurtenissen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moment", journey_platform.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_gebeurtenissen_moment"), ["moment"], unique=False)
        batch_op.create_index("ix_gebeurtenissen_traject_moment", ["traject_id", "moment"], unique=False)
    op.create_table(
        "traject_attributies",
        sa.Column("traject_id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("waarde", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("traject_id", "soort", "waarde", name=op.f("pk_traject_attributies")),
    )
    op.create_index("ix_traject_attributies_waarde", "traject_attributies", ["soort", "waarde"], unique=False)
    backfill(op.get_bind())

def backfill(bind: sa.Connection) -> None:
    """Every stored event's moment, and the attribution of every journey, from the stored history."""
    from reporting.domain.indicators.attribution import attribution, moment

    events = sa.table(
        "gebeurtenissen",
        sa.column("event_id", sa.Uuid()),
        sa.column("event_type", sa.String()),
        sa.column("traject_id", sa.Uuid()),
        sa.column("tijdstip", journey_platform.db.UTCDateTime(timezone=True)),
        sa.column("moment", journey_platform.db.UTCDateTime(timezone=True)),
        sa.column("data", journey_platform.db.JSONType),
    )
    attributies = sa.table("traject_attributies", sa.column("traject_id"), sa.column("soort"), sa.column("waarde"))
    seen: set[tuple[uuid.UUID, str, str]] = set()
    after: uuid.UUID | None = None
    while True:
        query = sa.select(events.c.event_id, events.c.event_type, events.c.traject_id, events.c.tijdstip, events.c.data)
        if after is not None:
            query = query.where(events.c.event_id > after)
        rows = bind.execute(query.order_by(events.c.event_id).limit(BATCH)).all()
        if not rows:
            return
        moments, new = [], []
        for event_id, event_type, traject_id, tijdstip, data in rows:
            payload: dict[str, Any] = json.loads(data) if isinstance(data, str) else data
            recorded = tijdstip if tijdstip.tzinfo else tijdstip.replace(tzinfo=UTC)
            moments.append({"id": event_id, "m": moment(event_type, payload, recorded)})
            for kind, value in attribution(event_type, payload) if traject_id is not None else ():
                if (traject_id, kind, value) not in seen:
                    seen.add((traject_id, kind, value))
                    new.append({"traject_id": traject_id, "soort": kind, "waarde": value})
        bind.execute(events.update().where(events.c.event_id == sa.bindparam("id")).values(moment=sa.bindparam("m")), moments)
        if new:
            bind.execute(attributies.insert(), new)
        after = rows[-1][0]

def downgrade() -> None:
    op.drop_index("ix_traject_attributies_waarde", table_name="traject_attributies")
    op.drop_table("traject_attributies")
    with op.batch_alter_table("gebeurtenissen", schema=None) as batch_op:
        batch_op.drop_index("ix_gebeurtenissen_traject_moment")
        batch_op.drop_index(batch_op.f("ix_gebeurtenissen_moment"))
        batch_op.drop_column("moment")
