"""housing stock candidates matching offers handover

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 07:22:58.289248
"""
from alembic import op
import sqlalchemy as sa
import journey_platform.db  # noqa: F401
from sqlalchemy import Text  # noqa: F401
from sqlalchemy.dialects import postgresql  # noqa: F401


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kandidaten',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('bron', sa.String(length=20), nullable=False),
    sa.Column('bron_id', sa.Uuid(), nullable=True),
    sa.Column('uitstroomgereed_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gemeente_van_herkomst', sa.String(length=6), nullable=True),
    sa.Column('verantwoordelijke_gemeente', sa.String(length=6), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('huishouden_grootte', sa.Integer(), nullable=False),
    sa.Column('max_huur', sa.Float(), nullable=False),
    sa.Column('huisdieren', sa.Boolean(), nullable=False),
    sa.Column('rolstoeltoegankelijk', sa.Boolean(), nullable=False),
    sa.Column('begeleidingsintensiteit', sa.String(length=20), nullable=False),
    sa.Column('jongvolwassene', sa.Boolean(), nullable=False),
    sa.Column('doelgroepen', sa.JSON(), nullable=False),
    sa.Column('gemeente_voorkeuren', sa.JSON(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('housing_first', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('termijn_overschreden_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('aangemeld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gehuisvest_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kandidaten'))
    )
    with op.batch_alter_table('kandidaten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kandidaten_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kandidaten_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_kandidaten_traject_id'), ['traject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kandidaten_verantwoordelijke_gemeente'), ['verantwoordelijke_gemeente'], unique=False)

    op.create_table('matchingrondes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aanleiding', sa.String(length=30), nullable=False),
    sa.Column('gestart_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duur_ms', sa.Integer(), nullable=False),
    sa.Column('kandidaten', sa.Integer(), nullable=False),
    sa.Column('woningen', sa.Integer(), nullable=False),
    sa.Column('voorstellen', sa.Integer(), nullable=False),
    sa.Column('totale_score', sa.Float(), nullable=False),
    sa.Column('baseline_voorstellen', sa.Integer(), nullable=False),
    sa.Column('baseline_score', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matchingrondes'))
    )
    with op.batch_alter_table('matchingrondes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matchingrondes_gestart_op'), ['gestart_op'], unique=False)

    op.create_table('pool',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gewijzigd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('laatste_ronde_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pool'))
    )
    op.create_table('woningen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aanbieder_type', sa.String(length=30), nullable=False),
    sa.Column('aanbieder', sa.String(length=60), nullable=False),
    sa.Column('geregistreerd_door', sa.String(length=60), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('gemeente', sa.String(length=6), nullable=False),
    sa.Column('wijk', sa.String(length=60), nullable=False),
    sa.Column('huur', sa.Float(), nullable=False),
    sa.Column('kamers', sa.Integer(), nullable=False),
    sa.Column('max_bewoners', sa.Integer(), nullable=False),
    sa.Column('rolstoeltoegankelijk', sa.Boolean(), nullable=False),
    sa.Column('huisdieren_toegestaan', sa.Boolean(), nullable=False),
    sa.Column('geschikt_voor', sa.JSON(), nullable=False),
    sa.Column('begeleiding_in_de_buurt', sa.Boolean(), nullable=False),
    sa.Column('gemeubileerd', sa.Boolean(), nullable=False),
    sa.Column('beschikbaar_vanaf', sa.Date(), nullable=False),
    sa.Column('beschikbaar_tot', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('geregistreerd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ingetrokken_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_woningen'))
    )
    with op.batch_alter_table('woningen', schema=None) as batch_op:
        batch_op.create_index('ix_woningen_gebied', ['gemeente', 'wijk'], unique=False)
        batch_op.create_index(batch_op.f('ix_woningen_gemeente'), ['gemeente'], unique=False)
        batch_op.create_index(batch_op.f('ix_woningen_geregistreerd_door'), ['geregistreerd_door'], unique=False)
        batch_op.create_index(batch_op.f('ix_woningen_status'), ['status'], unique=False)

    op.create_table('voorstellen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('ronde_id', sa.Uuid(), nullable=False),
    sa.Column('kandidaat_id', sa.Uuid(), nullable=False),
    sa.Column('woning_id', sa.Uuid(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('uitleg', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('voorgesteld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['kandidaat_id'], ['kandidaten.id'], name=op.f('fk_voorstellen_kandidaat_id_kandidaten')),
    sa.ForeignKeyConstraint(['ronde_id'], ['matchingrondes.id'], name=op.f('fk_voorstellen_ronde_id_matchingrondes')),
    sa.ForeignKeyConstraint(['woning_id'], ['woningen.id'], name=op.f('fk_voorstellen_woning_id_woningen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorstellen'))
    )
    with op.batch_alter_table('voorstellen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorstellen_kandidaat_id'), ['kandidaat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorstellen_ronde_id'), ['ronde_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorstellen_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorstellen_woning_id'), ['woning_id'], unique=False)

    op.create_table('aanbiedingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('voorstel_id', sa.Uuid(), nullable=True),
    sa.Column('kandidaat_id', sa.Uuid(), nullable=False),
    sa.Column('woning_id', sa.Uuid(), nullable=False),
    sa.Column('gedaan_door', sa.String(length=60), nullable=False),
    sa.Column('uitleg', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('gedaan_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('verloopt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('vastgelopen_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('geaccepteerd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('afgewezen_door', sa.String(length=20), nullable=True),
    sa.Column('reden_code', sa.String(length=60), nullable=True),
    sa.Column('afgehandeld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('verhuisd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['kandidaat_id'], ['kandidaten.id'], name=op.f('fk_aanbiedingen_kandidaat_id_kandidaten')),
    sa.ForeignKeyConstraint(['voorstel_id'], ['voorstellen.id'], name=op.f('fk_aanbiedingen_voorstel_id_voorstellen')),
    sa.ForeignKeyConstraint(['woning_id'], ['woningen.id'], name=op.f('fk_aanbiedingen_woning_id_woningen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aanbiedingen'))
    )
    with op.batch_alter_table('aanbiedingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aanbiedingen_kandidaat_id'), ['kandidaat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aanbiedingen_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_aanbiedingen_woning_id'), ['woning_id'], unique=False)

    op.create_table('overdrachten',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('aanbod_id', sa.Uuid(), nullable=False),
    sa.Column('kandidaat_id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('gemeente', sa.String(length=6), nullable=False),
    sa.Column('vorige_gemeente', sa.String(length=6), nullable=False),
    sa.Column('te_regelen', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('gestart_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('bevestigd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('bevestigd_door', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['aanbod_id'], ['aanbiedingen.id'], name=op.f('fk_overdrachten_aanbod_id_aanbiedingen')),
    sa.ForeignKeyConstraint(['kandidaat_id'], ['kandidaten.id'], name=op.f('fk_overdrachten_kandidaat_id_kandidaten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overdrachten')),
    sa.UniqueConstraint('aanbod_id', name=op.f('uq_overdrachten_aanbod_id'))
    )
    with op.batch_alter_table('overdrachten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overdrachten_gemeente'), ['gemeente'], unique=False)
        batch_op.create_index(batch_op.f('ix_overdrachten_kandidaat_id'), ['kandidaat_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_overdrachten_traject_id'), ['traject_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('overdrachten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_overdrachten_traject_id'))
        batch_op.drop_index(batch_op.f('ix_overdrachten_kandidaat_id'))
        batch_op.drop_index(batch_op.f('ix_overdrachten_gemeente'))

    op.drop_table('overdrachten')
    with op.batch_alter_table('aanbiedingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aanbiedingen_woning_id'))
        batch_op.drop_index(batch_op.f('ix_aanbiedingen_status'))
        batch_op.drop_index(batch_op.f('ix_aanbiedingen_kandidaat_id'))

    op.drop_table('aanbiedingen')
    with op.batch_alter_table('voorstellen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorstellen_woning_id'))
        batch_op.drop_index(batch_op.f('ix_voorstellen_status'))
        batch_op.drop_index(batch_op.f('ix_voorstellen_ronde_id'))
        batch_op.drop_index(batch_op.f('ix_voorstellen_kandidaat_id'))

    op.drop_table('voorstellen')
    with op.batch_alter_table('woningen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_woningen_status'))
        batch_op.drop_index(batch_op.f('ix_woningen_geregistreerd_door'))
        batch_op.drop_index(batch_op.f('ix_woningen_gemeente'))
        batch_op.drop_index('ix_woningen_gebied')

    op.drop_table('woningen')
    op.drop_table('pool')
    with op.batch_alter_table('matchingrondes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matchingrondes_gestart_op'))

    op.drop_table('matchingrondes')
    with op.batch_alter_table('kandidaten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kandidaten_verantwoordelijke_gemeente'))
        batch_op.drop_index(batch_op.f('ix_kandidaten_traject_id'))
        batch_op.drop_index(batch_op.f('ix_kandidaten_status'))
        batch_op.drop_index(batch_op.f('ix_kandidaten_client_id'))

    op.drop_table('kandidaten')
