"""episodes: a journey's lifecycle as intake publishes it (status, closing reason and moment, return)

Existing journeys are "open": intake publishes traject-afgesloten for the journeys it had closed before episodes
existed (its episode job, once), and this read model follows.

Revision ID: 0006_episodes
Revises: 0005_hardening
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0006_episodes"
down_revision = "0006_engineering"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=20), server_default="open", nullable=False))
        batch_op.add_column(sa.Column("afsluitreden", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("gesloten_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("vorig_traject_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("dagen_sinds_vorig_traject", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_trajecten_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trajecten_status"))
        batch_op.drop_column("dagen_sinds_vorig_traject")
        batch_op.drop_column("vorig_traject_id")
        batch_op.drop_column("gesloten_op")
        batch_op.drop_column("afsluitreden")
        batch_op.drop_column("status")
