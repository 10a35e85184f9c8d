"""rules: the move-in's effect on the shelter stay, the plan's word on returning to the municipality of origin, and where each handover item ran

Revision ID: 0005_rules
Revises: 0004_consent

Existing candidates: the plan did not say so (false) and nothing is recorded about where items ran ({}), so their
handover compares with the responsible municipality as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_rules"
down_revision = "0005_engineering"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kandidaten", schema=None) as batch_op:
        batch_op.add_column(sa.Column("herkomst_volgens_plan", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("lopend_in", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    with op.batch_alter_table("overdrachten", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opvang_na_verhuizing", sa.String(length=40), nullable=False, server_default="beeindigd"))


def downgrade() -> None:
    with op.batch_alter_table("overdrachten", schema=None) as batch_op:
        batch_op.drop_column("opvang_na_verhuizing")
    with op.batch_alter_table("kandidaten", schema=None) as batch_op:
        batch_op.drop_column("lopend_in")
        batch_op.drop_column("herkomst_volgens_plan")
