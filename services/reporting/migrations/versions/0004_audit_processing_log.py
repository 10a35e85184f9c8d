"""processing log (verwerkingen): who processed whose personal data, why, when, with what outcome

Revision ID: 0004_audit
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa
import journey_platform.db

revision = '0004_audit'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('verwerkingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tijdstip', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('dienst', sa.String(length=30), nullable=False),
    sa.Column('trace_id', sa.String(length=32), nullable=True),
    sa.Column('span_id', sa.String(length=16), nullable=True),
    sa.Column('parent_span_id', sa.String(length=16), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('organisatie_type', sa.String(length=30), nullable=False),
    sa.Column('organisatie_id', sa.String(length=60), nullable=False),
    sa.Column('verwerkingsactiviteit', sa.String(length=100), nullable=False),
    sa.Column('doel', sa.String(length=300), nullable=False),
    sa.Column('grondslag', sa.String(length=300), nullable=False),
    sa.Column('betrokkene', sa.String(length=64), nullable=False),
    sa.Column('handeling', sa.String(length=20), nullable=False),
    sa.Column('resultaat', sa.String(length=20), nullable=False),
    sa.Column('methode', sa.String(length=10), nullable=False),
    sa.Column('route', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verwerkingen'))
    )
    op.create_index('ix_verwerkingen_betrokkene_tijdstip', 'verwerkingen', ['betrokkene', 'tijdstip'], unique=False)
    op.create_index('ix_verwerkingen_tijdstip', 'verwerkingen', ['tijdstip'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_verwerkingen_tijdstip', table_name='verwerkingen')
    op.drop_index('ix_verwerkingen_betrokkene_tijdstip', table_name='verwerkingen')
    op.drop_table('verwerkingen')
