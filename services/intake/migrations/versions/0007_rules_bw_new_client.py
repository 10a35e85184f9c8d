"""rules: the BW new-client rule as seed 003 4.1 fn 5 words it

Revision ID: 0005_rules
Revises: 0004_erasure

Adds what a report became an application for, the fact that decided the new-client rule on a decision, and
intake's copy of placement's BW stays (part b). Existing decisions keep their result; their ground stays empty
(decided before the rule recorded it). Existing BW stays arrive when placement's events are replayed to intake's
new consumer group ("intake"), which starts from the beginning of the topic.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_rules"
down_revision = "0005_identity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aangevraagde_voorziening", sa.String(length=30), nullable=True))
    with op.batch_alter_table("beschikkingen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nieuwe_client_grond", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("nieuwe_client_feit_op", sa.Date(), nullable=True))
    # a decision on BW or beschut wonen was an application for it
    op.execute(
        "UPDATE meldingen SET aangevraagde_voorziening = (SELECT b.voorziening FROM beschikkingen b "
        "WHERE b.melding_id = meldingen.id AND b.voorziening IN ('beschermd-wonen', 'beschut-wonen'))"
    )
    op.create_table(
        "bw_gebruik",
        sa.Column("verblijf_id", sa.Uuid(), nullable=False),
        sa.Column("persoon_id", sa.Uuid(), nullable=False),
        sa.Column("traject_id", sa.Uuid(), nullable=True),
        sa.Column("regio", sa.String(length=50), nullable=True),
        sa.Column("van", sa.Date(), nullable=False),
        sa.Column("tot", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("verblijf_id", name=op.f("pk_bw_gebruik")),
    )
    with op.batch_alter_table("bw_gebruik", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bw_gebruik_persoon_id"), ["persoon_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bw_gebruik_traject_id"), ["traject_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bw_gebruik", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bw_gebruik_traject_id"))
        batch_op.drop_index(batch_op.f("ix_bw_gebruik_persoon_id"))
    op.drop_table("bw_gebruik")
    with op.batch_alter_table("beschikkingen", schema=None) as batch_op:
        batch_op.drop_column("nieuwe_client_feit_op")
        batch_op.drop_column("nieuwe_client_grond")
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.drop_column("aangevraagde_voorziening")
