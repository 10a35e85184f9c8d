"""history import: the source rows imported into placement, keyed by source and source id (docs/import.md)

Revision ID: 0009_history_import
Revises: 0008_late_registrations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journey_platform.db import UTCDateTime

revision = "0009_history_import"
down_revision = "0008_late_registrations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_regels",
        sa.Column("bron", sa.String(length=100), nullable=False),
        sa.Column("regelsoort", sa.String(length=20), nullable=False),
        sa.Column("bron_id", sa.String(length=100), nullable=False),
        sa.Column("doel_id", sa.Uuid(), nullable=False),
        sa.Column("traject_id", sa.Uuid(), nullable=True),
        sa.Column("geimporteerd_op", UTCDateTime(timezone=True), nullable=False),
        sa.Column("geimporteerd_door", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("bron", "regelsoort", "bron_id", name=op.f("pk_import_regels")),
    )
    op.create_index(op.f("ix_import_regels_traject_id"), "import_regels", ["traject_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_import_regels_traject_id"), table_name="import_regels")
    op.drop_table("import_regels")
