"""engineering: a counter per journey that numbers the journey events this service produces (trajectvolgnummer)

Journeys that exist already start at 1 with their next event; the events sent before carry no number.

Revision ID: 0005_engineering
Revises: 0004_consent
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_engineering"
down_revision = "0004_consent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journey_sequences",
        sa.Column("traject_id", sa.Uuid(), nullable=False),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("traject_id", name=op.f("pk_journey_sequences")),
    )


def downgrade() -> None:
    op.drop_table("journey_sequences")
