"""episodes: placement's journey projection follows intake's lifecycle (status, closing reason and moment)

Existing journeys are "open": intake publishes traject-afgesloten for the journeys it had closed before episodes
existed (its episode job, once), and this projection follows.

Revision ID: 0005_episodes
Revises: 0004_consent
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0005_episodes"
down_revision = "0005_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=20), server_default="open", nullable=False))
        batch_op.add_column(sa.Column("afsluitreden", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("gesloten_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.drop_column("gesloten_op")
        batch_op.drop_column("afsluitreden")
        batch_op.drop_column("status")
