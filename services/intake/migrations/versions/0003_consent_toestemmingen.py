"""consent: toestemmingen (the client's consent to share data with another organisation)

Revision ID: 0003_consent
Revises: 0002_audit
"""
from alembic import op
import sqlalchemy as sa
import journey_platform.db


revision = '0003_consent'
down_revision = '0002_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('toestemmingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('persoon_id', sa.Uuid(), nullable=False),
    sa.Column('ontvanger_type', sa.String(length=30), nullable=False),
    sa.Column('ontvanger_id', sa.String(length=60), nullable=True),
    sa.Column('doelen', sa.JSON(), nullable=False),
    sa.Column('geldig_van', sa.Date(), nullable=False),
    sa.Column('geldig_tot', sa.Date(), nullable=False),
    sa.Column('vastgelegd_door', sa.String(length=60), nullable=False),
    sa.Column('vastgelegd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ingetrokken_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ingetrokken_door', sa.String(length=60), nullable=True),
    sa.Column('reden_intrekking', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['persoon_id'], ['personen.id'], name=op.f('fk_toestemmingen_persoon_id_personen')),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_toestemmingen_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_toestemmingen'))
    )
    with op.batch_alter_table('toestemmingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_toestemmingen_persoon_id'), ['persoon_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_toestemmingen_traject_id'), ['traject_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('toestemmingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_toestemmingen_traject_id'))
        batch_op.drop_index(batch_op.f('ix_toestemmingen_persoon_id'))
    op.drop_table('toestemmingen')
