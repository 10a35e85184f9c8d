"""engineering: the producer's number of each event within its journey (trajectvolgnummer), kept and ordered by

Events stored before carry none (NULL) and sort as 0 among events of the same moment. The counter table is the
shared messaging one; reporting's own public copies are not numbered, so it stays empty here.

Revision ID: 0006_engineering
Revises: 0005_hardening
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_engineering"
down_revision = "0005_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journey_sequences",
        sa.Column("traject_id", sa.Uuid(), nullable=False),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("traject_id", name=op.f("pk_journey_sequences")),
    )
    for table in ("gebeurtenissen", "tijdlijn"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("volgnummer", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    for table in ("tijdlijn", "gebeurtenissen"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("volgnummer")
    op.drop_table("journey_sequences")
