"""rules: the out-of-region short stay counts from the admission and can be lifted

Revision ID: 0005_rules
Revises: 0004_consent

Existing journeys: a short stay applies where intake granted one (kort_verblijf_tot set). Its end stays as it was
where the client was already admitted on it; where nobody was admitted yet, the end is cleared so that the first
admission starts the count.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_rules"
down_revision = "0005_engineering"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kort_verblijf", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("kort_verblijf_opgeheven", sa.String(length=60), nullable=True))
    op.execute("UPDATE trajecten SET kort_verblijf = (kort_verblijf_tot IS NOT NULL)")
    op.execute(
        "UPDATE trajecten SET kort_verblijf_tot = NULL WHERE kort_verblijf_tot IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM verblijven v WHERE v.traject_id = trajecten.id AND v.kort_verblijf_buiten_regio)"
    )


def downgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.drop_column("kort_verblijf_opgeheven")
        batch_op.drop_column("kort_verblijf")
