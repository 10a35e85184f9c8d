"""placement domain

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 07:21:04.631908
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
    op.create_table('trajecten',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('gemeente_melding', sa.String(length=6), nullable=True),
    sa.Column('gemeente_van_herkomst', sa.String(length=6), nullable=True),
    sa.Column('verantwoordelijke_gemeente', sa.String(length=6), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('huishouden_grootte', sa.Integer(), nullable=False),
    sa.Column('aandachtspunten', sa.JSON(), nullable=False),
    sa.Column('kort_verblijf_tot', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('bijgewerkt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trajecten'))
    )
    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trajecten_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trajecten_regio'), ['regio'], unique=False)
        batch_op.create_index(batch_op.f('ix_trajecten_verantwoordelijke_gemeente'), ['verantwoordelijke_gemeente'], unique=False)

    op.create_table('uitvaloperaties',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('zorgaanbieder', sa.String(length=60), nullable=True),
    sa.Column('voorziening_id', sa.Uuid(), nullable=True),
    sa.Column('reden_code', sa.String(length=60), nullable=False),
    sa.Column('uitgevoerd_door', sa.String(length=60), nullable=False),
    sa.Column('uitgevoerd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uitvaloperaties'))
    )
    op.create_table('voorzieningen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('naam', sa.String(length=120), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('zorgaanbieder', sa.String(length=60), nullable=False),
    sa.Column('gemeente', sa.String(length=6), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('capaciteit_plaatsen', sa.Integer(), nullable=False),
    sa.Column('eenpersoonskamers', sa.Integer(), nullable=False),
    sa.Column('veilig_voor', sa.JSON(), nullable=False),
    sa.Column('huisdieren_toegestaan', sa.Boolean(), nullable=False),
    sa.Column('rolstoeltoegankelijk', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('geregistreerd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gewijzigd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorzieningen'))
    )
    with op.batch_alter_table('voorzieningen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorzieningen_gemeente'), ['gemeente'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorzieningen_regio'), ['regio'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorzieningen_type'), ['type'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorzieningen_zorgaanbieder'), ['zorgaanbieder'], unique=False)

    op.create_table('ondersteuningsplannen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('huidige_versie', sa.Integer(), nullable=False),
    sa.Column('zorgaanbieder', sa.String(length=60), nullable=False),
    sa.Column('aangemaakt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_ondersteuningsplannen_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ondersteuningsplannen')),
    sa.UniqueConstraint('traject_id', name=op.f('uq_ondersteuningsplannen_traject_id'))
    )
    with op.batch_alter_table('ondersteuningsplannen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ondersteuningsplannen_zorgaanbieder'), ['zorgaanbieder'], unique=False)

    op.create_table('trajectcontroles',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('gepland_op', sa.Date(), nullable=False),
    sa.Column('uitgevoerd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('uitkomst', sa.String(length=40), nullable=True),
    sa.Column('notities', sa.Text(), nullable=True),
    sa.Column('achterstallig_gemeld', sa.Boolean(), nullable=False),
    sa.Column('aangemaakt_door', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_trajectcontroles_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trajectcontroles'))
    )
    with op.batch_alter_table('trajectcontroles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trajectcontroles_gepland_op'), ['gepland_op'], unique=False)
        batch_op.create_index(batch_op.f('ix_trajectcontroles_traject_id'), ['traject_id'], unique=False)

    op.create_table('verblijven',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('voorziening_id', sa.Uuid(), nullable=False),
    sa.Column('voorziening_type', sa.String(length=40), nullable=False),
    sa.Column('zorgaanbieder', sa.String(length=60), nullable=False),
    sa.Column('gemeente', sa.String(length=6), nullable=False),
    sa.Column('soort', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('opgenomen_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('uiterlijk_tot', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('maximum_datum', sa.Date(), nullable=True),
    sa.Column('maximum_signaal', sa.String(length=20), nullable=False),
    sa.Column('kort_verblijf_buiten_regio', sa.Boolean(), nullable=False),
    sa.Column('bed_en_break', sa.Boolean(), nullable=False),
    sa.Column('lopend_verblijf_id', sa.Uuid(), nullable=True),
    sa.Column('verlenging_reden', sa.String(length=60), nullable=True),
    sa.Column('van_wachtlijst_id', sa.Uuid(), nullable=True),
    sa.Column('overplaatsing_van', sa.Uuid(), nullable=True),
    sa.Column('beeindigd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('bestemming', sa.String(length=40), nullable=True),
    sa.Column('naar_gemeente', sa.String(length=6), nullable=True),
    sa.Column('terug_naar_gemeente_van_herkomst', sa.Boolean(), nullable=True),
    sa.Column('reden_einde', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_verblijven_traject_id_trajecten')),
    sa.ForeignKeyConstraint(['voorziening_id'], ['voorzieningen.id'], name=op.f('fk_verblijven_voorziening_id_voorzieningen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verblijven'))
    )
    with op.batch_alter_table('verblijven', schema=None) as batch_op:
        batch_op.create_index('ix_verblijven_bezetting', ['voorziening_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_verblijven_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_verblijven_gemeente'), ['gemeente'], unique=False)
        batch_op.create_index(batch_op.f('ix_verblijven_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_verblijven_traject_id'), ['traject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_verblijven_voorziening_id'), ['voorziening_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_verblijven_zorgaanbieder'), ['zorgaanbieder'], unique=False)

    op.create_table('wachtlijst',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('beschikking_id', sa.Uuid(), nullable=True),
    sa.Column('melding_id', sa.Uuid(), nullable=True),
    sa.Column('voorziening', sa.String(length=30), nullable=False),
    sa.Column('gemeente', sa.String(length=6), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('besluit_datum', sa.Date(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('overgang_jeugdzorg', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('aangemeld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('aanbod_voorziening_id', sa.Uuid(), nullable=True),
    sa.Column('aanbod_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('verlaten_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reden_verlaten', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['aanbod_voorziening_id'], ['voorzieningen.id'], name=op.f('fk_wachtlijst_aanbod_voorziening_id_voorzieningen')),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_wachtlijst_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wachtlijst')),
    sa.UniqueConstraint('beschikking_id', name=op.f('uq_wachtlijst_beschikking_id'))
    )
    with op.batch_alter_table('wachtlijst', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wachtlijst_gemeente'), ['gemeente'], unique=False)
        batch_op.create_index(batch_op.f('ix_wachtlijst_regio'), ['regio'], unique=False)
        batch_op.create_index(batch_op.f('ix_wachtlijst_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_wachtlijst_traject_id'), ['traject_id'], unique=False)

    op.create_table('weigeringen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('voorziening_id', sa.Uuid(), nullable=True),
    sa.Column('gemeente', sa.String(length=6), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('reden_code', sa.String(length=60), nullable=False),
    sa.Column('alternatief_code', sa.String(length=60), nullable=True),
    sa.Column('bestemming_code', sa.String(length=60), nullable=True),
    sa.Column('geweigerd_door', sa.String(length=60), nullable=False),
    sa.Column('geweigerd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_weigeringen_traject_id_trajecten')),
    sa.ForeignKeyConstraint(['voorziening_id'], ['voorzieningen.id'], name=op.f('fk_weigeringen_voorziening_id_voorzieningen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weigeringen'))
    )
    with op.batch_alter_table('weigeringen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_weigeringen_gemeente'), ['gemeente'], unique=False)
        batch_op.create_index(batch_op.f('ix_weigeringen_regio'), ['regio'], unique=False)
        batch_op.create_index(batch_op.f('ix_weigeringen_traject_id'), ['traject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_weigeringen_voorziening_id'), ['voorziening_id'], unique=False)

    op.create_table('checklistpunten',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('verblijf_id', sa.Uuid(), nullable=False),
    sa.Column('item', sa.String(length=30), nullable=False),
    sa.Column('uiterlijk_op', sa.Date(), nullable=False),
    sa.Column('afgerond_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('op_tijd', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['verblijf_id'], ['verblijven.id'], name=op.f('fk_checklistpunten_verblijf_id_verblijven')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklistpunten')),
    sa.UniqueConstraint('verblijf_id', 'item', name=op.f('uq_checklistpunten_verblijf_id'))
    )
    with op.batch_alter_table('checklistpunten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklistpunten_verblijf_id'), ['verblijf_id'], unique=False)

    op.create_table('planversies',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('versie', sa.Integer(), nullable=False),
    sa.Column('zorgaanbieder', sa.String(length=60), nullable=False),
    sa.Column('regisseur_organisatie', sa.String(length=60), nullable=False),
    sa.Column('regisseur_naam', sa.String(length=120), nullable=False),
    sa.Column('doelen', sa.JSON(), nullable=False),
    sa.Column('resultaten', sa.JSON(), nullable=False),
    sa.Column('eigen_visie', sa.Text(), nullable=False),
    sa.Column('vastgesteld_door', sa.String(length=60), nullable=False),
    sa.Column('vastgesteld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['ondersteuningsplannen.id'], name=op.f('fk_planversies_plan_id_ondersteuningsplannen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planversies')),
    sa.UniqueConstraint('plan_id', 'versie', name=op.f('uq_planversies_plan_id'))
    )
    with op.batch_alter_table('planversies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planversies_plan_id'), ['plan_id'], unique=False)

    op.create_table('uitstroomverklaringen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('verblijf_id', sa.Uuid(), nullable=False),
    sa.Column('woonwensen', sa.JSON(), nullable=False),
    sa.Column('verklaard_door', sa.String(length=60), nullable=False),
    sa.Column('verklaard_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_uitstroomverklaringen_traject_id_trajecten')),
    sa.ForeignKeyConstraint(['verblijf_id'], ['verblijven.id'], name=op.f('fk_uitstroomverklaringen_verblijf_id_verblijven')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uitstroomverklaringen'))
    )
    with op.batch_alter_table('uitstroomverklaringen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uitstroomverklaringen_traject_id'), ['traject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_uitstroomverklaringen_verblijf_id'), ['verblijf_id'], unique=False)

    op.create_table('uitvalverhuizingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('operatie_id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('van_verblijf_id', sa.Uuid(), nullable=False),
    sa.Column('van_voorziening_id', sa.Uuid(), nullable=False),
    sa.Column('naar_verblijf_id', sa.Uuid(), nullable=True),
    sa.Column('naar_voorziening_id', sa.Uuid(), nullable=True),
    sa.Column('wachtlijst_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['operatie_id'], ['uitvaloperaties.id'], name=op.f('fk_uitvalverhuizingen_operatie_id_uitvaloperaties')),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_uitvalverhuizingen_traject_id_trajecten')),
    sa.ForeignKeyConstraint(['van_verblijf_id'], ['verblijven.id'], name=op.f('fk_uitvalverhuizingen_van_verblijf_id_verblijven')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uitvalverhuizingen'))
    )
    with op.batch_alter_table('uitvalverhuizingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uitvalverhuizingen_operatie_id'), ['operatie_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_uitvalverhuizingen_traject_id'), ['traject_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('uitvalverhuizingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uitvalverhuizingen_traject_id'))
        batch_op.drop_index(batch_op.f('ix_uitvalverhuizingen_operatie_id'))

    op.drop_table('uitvalverhuizingen')
    with op.batch_alter_table('uitstroomverklaringen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uitstroomverklaringen_verblijf_id'))
        batch_op.drop_index(batch_op.f('ix_uitstroomverklaringen_traject_id'))

    op.drop_table('uitstroomverklaringen')
    with op.batch_alter_table('planversies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planversies_plan_id'))

    op.drop_table('planversies')
    with op.batch_alter_table('checklistpunten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklistpunten_verblijf_id'))

    op.drop_table('checklistpunten')
    with op.batch_alter_table('weigeringen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_weigeringen_voorziening_id'))
        batch_op.drop_index(batch_op.f('ix_weigeringen_traject_id'))
        batch_op.drop_index(batch_op.f('ix_weigeringen_regio'))
        batch_op.drop_index(batch_op.f('ix_weigeringen_gemeente'))

    op.drop_table('weigeringen')
    with op.batch_alter_table('wachtlijst', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wachtlijst_traject_id'))
        batch_op.drop_index(batch_op.f('ix_wachtlijst_status'))
        batch_op.drop_index(batch_op.f('ix_wachtlijst_regio'))
        batch_op.drop_index(batch_op.f('ix_wachtlijst_gemeente'))

    op.drop_table('wachtlijst')
    with op.batch_alter_table('verblijven', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verblijven_zorgaanbieder'))
        batch_op.drop_index(batch_op.f('ix_verblijven_voorziening_id'))
        batch_op.drop_index(batch_op.f('ix_verblijven_traject_id'))
        batch_op.drop_index(batch_op.f('ix_verblijven_status'))
        batch_op.drop_index(batch_op.f('ix_verblijven_gemeente'))
        batch_op.drop_index(batch_op.f('ix_verblijven_client_id'))
        batch_op.drop_index('ix_verblijven_bezetting')

    op.drop_table('verblijven')
    with op.batch_alter_table('trajectcontroles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trajectcontroles_traject_id'))
        batch_op.drop_index(batch_op.f('ix_trajectcontroles_gepland_op'))

    op.drop_table('trajectcontroles')
    with op.batch_alter_table('ondersteuningsplannen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ondersteuningsplannen_zorgaanbieder'))

    op.drop_table('ondersteuningsplannen')
    with op.batch_alter_table('voorzieningen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorzieningen_zorgaanbieder'))
        batch_op.drop_index(batch_op.f('ix_voorzieningen_type'))
        batch_op.drop_index(batch_op.f('ix_voorzieningen_regio'))
        batch_op.drop_index(batch_op.f('ix_voorzieningen_gemeente'))

    op.drop_table('voorzieningen')
    op.drop_table('uitvaloperaties')
    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trajecten_verantwoordelijke_gemeente'))
        batch_op.drop_index(batch_op.f('ix_trajecten_regio'))
        batch_op.drop_index(batch_op.f('ix_trajecten_client_id'))

    op.drop_table('trajecten')
