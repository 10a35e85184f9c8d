"""late registration: who registered which moment late, why, and when (docs/late-registration.md)

Revision ID: 0009_late_registrations
Revises: 0006_states
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journey_platform.db import UTCDateTime

revision = "0009_late_registrations"
down_revision = "0006_states"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "late_registrations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("traject_id", sa.Uuid(), nullable=True),
        sa.Column("veld", sa.String(length=60), nullable=False),
        sa.Column("moment", UTCDateTime(timezone=True), nullable=False),
        sa.Column("vastgelegd_op", UTCDateTime(timezone=True), nullable=False),
        sa.Column("vastgelegd_door", sa.String(length=100), nullable=False),
        sa.Column("vastgelegd_door_subject", sa.String(length=200), nullable=False),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("geimporteerd", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_late_registrations")),
    )
    op.create_index(op.f("ix_late_registrations_traject_id"), "late_registrations", ["traject_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_late_registrations_traject_id"), table_name="late_registrations")
    op.drop_table("late_registrations")
