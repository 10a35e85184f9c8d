"""replay checkpoint: how far the last replay of the read models got, so that `python -m reporting.replay --resume`
continues there (reporting/replay.py).

Revision ID: 0009_replay_checkpoint
Revises: 0008_registration_kind
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0009_replay_checkpoint"
down_revision = "0009_indicator_read_models"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "replay_checkpoint",
        sa.Column("naam", sa.String(length=30), nullable=False),
        sa.Column("tijdstip", journey_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("volgnummer", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("gebeurtenissen", sa.BigInteger(), nullable=False),
        sa.Column("gestart_op", journey_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("bijgewerkt_op", journey_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("voltooid", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("naam", name=op.f("pk_replay_checkpoint")),
    )


def downgrade() -> None:
    op.drop_table("replay_checkpoint")
