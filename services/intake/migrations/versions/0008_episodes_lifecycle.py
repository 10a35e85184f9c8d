"""episodes: every journey gets a lifecycle (closing reason, return, last activity, what keeps it running)

Existing data: an open journey stays open, with its last activity the latest of its opening, reports, screenings
and decisions (intake learns stays and waiting-list places from placement's events, read from the topic's start);
a closed journey gets its reason: every report closed without follow-up is "zonder-vervolg", otherwise the decision
of no support that closed it ("geen-ondersteuning"), and is marked for the episode job to publish its closing once
(traject-afgesloten), so that every read model learns it.

Revision ID: 0005_episodes
Revises: 0004_erasure
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0005_episodes"
down_revision = "0005_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.add_column(sa.Column("afsluitreden", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("vorig_traject_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("dagen_sinds_vorig_traject", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("laatste_activiteit_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("overdracht_bevestigd_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("lopend", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("afsluiting_gepubliceerd", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_index("ix_trajecten_status_activiteit", ["status", "laatste_activiteit_op"], unique=False)
    _backfill(op.get_bind())


def _backfill(conn: Any) -> None:
    trajecten = sa.table(
        "trajecten",
        sa.column("id", sa.Uuid()),
        sa.column("status", sa.String()),
        sa.column("geopend_op", journey_platform.db.UTCDateTime(timezone=True)),
        sa.column("afsluitreden", sa.String()),
        sa.column("laatste_activiteit_op", journey_platform.db.UTCDateTime(timezone=True)),
        sa.column("lopend", sa.JSON()),
        sa.column("afsluiting_gepubliceerd", sa.Boolean()),
    )
    meldingen = sa.table(
        "meldingen",
        sa.column("id", sa.Uuid()),
        sa.column("traject_id", sa.Uuid()),
        sa.column("status", sa.String()),
        sa.column("gemeld_op", journey_platform.db.UTCDateTime(timezone=True)),
    )
    onderzoeken = sa.table(
        "onderzoeken",
        sa.column("melding_id", sa.Uuid()),
        sa.column("gestart_op", journey_platform.db.UTCDateTime(timezone=True)),
    )
    beschikkingen = sa.table(
        "beschikkingen",
        sa.column("traject_id", sa.Uuid()),
        sa.column("afgegeven_op", journey_platform.db.UTCDateTime(timezone=True)),
    )
    latest: dict[Any, Any] = {}
    statuses: dict[Any, list[str]] = {}

    def seen(traject_id: Any, moment: Any) -> None:
        if moment is not None and (latest.get(traject_id) is None or moment > latest[traject_id]):
            latest[traject_id] = moment

    for traject_id, status, gemeld_op in conn.execute(
        sa.select(meldingen.c.traject_id, meldingen.c.status, meldingen.c.gemeld_op)
    ):
        statuses.setdefault(traject_id, []).append(status)
        seen(traject_id, gemeld_op)
    screened = sa.select(meldingen.c.traject_id, onderzoeken.c.gestart_op).join(
        onderzoeken, onderzoeken.c.melding_id == meldingen.c.id
    )
    for traject_id, gestart_op in conn.execute(screened):
        seen(traject_id, gestart_op)
    for traject_id, afgegeven_op in conn.execute(sa.select(beschikkingen.c.traject_id, beschikkingen.c.afgegeven_op)):
        seen(traject_id, afgegeven_op)
    for traject_id, status, geopend_op in conn.execute(sa.select(trajecten.c.id, trajecten.c.status, trajecten.c.geopend_op)):
        seen(traject_id, geopend_op)
        values: dict[str, Any] = {"laatste_activiteit_op": latest[traject_id], "lopend": []}
        if status == "gesloten":
            reports = statuses.get(traject_id, [])
            without = bool(reports) and all(s == "afgesloten" for s in reports)
            values["afsluitreden"] = "zonder-vervolg" if without else "geen-ondersteuning"
            values["afsluiting_gepubliceerd"] = False  # the episode job publishes traject-afgesloten for it once
        conn.execute(sa.update(trajecten).where(trajecten.c.id == traject_id).values(**values))


def downgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.drop_index("ix_trajecten_status_activiteit")
        batch_op.drop_column("afsluiting_gepubliceerd")
        batch_op.drop_column("lopend")
        batch_op.drop_column("overdracht_bevestigd_op")
        batch_op.drop_column("laatste_activiteit_op")
        batch_op.drop_column("dagen_sinds_vorig_traject")
        batch_op.drop_column("vorig_traject_id")
        batch_op.drop_column("afsluitreden")
