"""consent: projection of the client's consents, and the sharing register (delingen)

Revision ID: 0004_consent
Revises: 0003_audit
"""
from alembic import op
import sqlalchemy as sa
import journey_platform.db


revision = '0004_consent'
down_revision = '0003_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('toestemmingen',
    sa.Column('toestemming_id', sa.Uuid(), nullable=False),
    sa.Column('doel', sa.String(length=30), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('ontvanger_type', sa.String(length=30), nullable=False),
    sa.Column('ontvanger_id', sa.String(length=60), nullable=True),
    sa.Column('geldig_van', sa.Date(), nullable=False),
    sa.Column('geldig_tot', sa.Date(), nullable=False),
    sa.Column('ingetrokken_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('toestemming_id', 'doel', name=op.f('pk_toestemmingen'))
    )
    with op.batch_alter_table('toestemmingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_toestemmingen_client_id'), ['client_id'], unique=False)

    op.create_table('delingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('ontvanger_type', sa.String(length=30), nullable=False),
    sa.Column('ontvanger_id', sa.String(length=60), nullable=False),
    sa.Column('gegevens', sa.String(length=30), nullable=False),
    sa.Column('gegevens_id', sa.Uuid(), nullable=False),
    sa.Column('grondslag', sa.String(length=20), nullable=False),
    sa.Column('grondslag_id', sa.Uuid(), nullable=False),
    sa.Column('gedeeld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delingen'))
    )
    with op.batch_alter_table('delingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delingen_client_id'), ['client_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('delingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delingen_client_id'))
    op.drop_table('delingen')
    with op.batch_alter_table('toestemmingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_toestemmingen_client_id'))
    op.drop_table('toestemmingen')
