"""identity: lookup keys, possible duplicates, merges and splits of persons (issue 13, item 1)

Existing persons get the blind lookup keys of the new matching rule (any two of surname, first name, date of
birth; the alias), computed from their sealed details; the persons that the new rule would only call possible
duplicates of each other are put on central access's worklist. Needs the key ring of the environment being
migrated (INTAKE_BSN_KEYS / INTAKE_BSN_INDEX_KEY), like 0004.

Revision ID: 0005_identity
Revises: 0004_erasure
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections import defaultdict
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0005_identity"
down_revision = "0005_engineering"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("personen") as batch_op:
        batch_op.add_column(sa.Column("samengevoegd_in", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_personen_samengevoegd_in"), ["samengevoegd_in"], unique=False)
    op.create_table(
        "persoon_zoeksleutels",
        sa.Column("persoon_id", sa.Uuid(), nullable=False),
        sa.Column("sleutel", sa.String(length=64), nullable=False),
        sa.Column("soort", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(["persoon_id"], ["personen.id"], name=op.f("fk_persoon_zoeksleutels_persoon_id_personen")),
        sa.PrimaryKeyConstraint("persoon_id", "sleutel", name=op.f("pk_persoon_zoeksleutels")),
    )
    with op.batch_alter_table("persoon_zoeksleutels") as batch_op:
        batch_op.create_index(batch_op.f("ix_persoon_zoeksleutels_sleutel"), ["sleutel"], unique=False)
    op.create_table(
        "mogelijke_dubbelen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("persoon_id", sa.Uuid(), nullable=False),
        sa.Column("kandidaat_id", sa.Uuid(), nullable=False),
        sa.Column("velden", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("gevonden_op", journey_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("beoordeeld_door", sa.String(length=60), nullable=True),
        sa.Column("beoordeeld_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["kandidaat_id"], ["personen.id"], name=op.f("fk_mogelijke_dubbelen_kandidaat_id_personen")),
        sa.ForeignKeyConstraint(["persoon_id"], ["personen.id"], name=op.f("fk_mogelijke_dubbelen_persoon_id_personen")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mogelijke_dubbelen")),
        sa.UniqueConstraint("persoon_id", "kandidaat_id", name=op.f("uq_mogelijke_dubbelen_persoon_id")),
    )
    with op.batch_alter_table("mogelijke_dubbelen") as batch_op:
        batch_op.create_index(batch_op.f("ix_mogelijke_dubbelen_kandidaat_id"), ["kandidaat_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mogelijke_dubbelen_persoon_id"), ["persoon_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mogelijke_dubbelen_status"), ["status"], unique=False)
    op.create_table(
        "samenvoegingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("overblijvend_persoon_id", sa.Uuid(), nullable=False),
        sa.Column("opgegaan_persoon_id", sa.Uuid(), nullable=False),
        sa.Column("traject_ids", sa.JSON(), nullable=False),
        sa.Column("mogelijke_dubbele_id", sa.Uuid(), nullable=True),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("samengevoegd_door", sa.String(length=60), nullable=False),
        sa.Column("samengevoegd_op", journey_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("splitsing_id", sa.Uuid(), nullable=True),
        sa.Column("splitsreden", sa.Text(), nullable=True),
        sa.Column("gesplitst_door", sa.String(length=60), nullable=True),
        sa.Column("gesplitst_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["opgegaan_persoon_id"], ["personen.id"], name=op.f("fk_samenvoegingen_opgegaan_persoon_id_personen")
        ),
        sa.ForeignKeyConstraint(
            ["overblijvend_persoon_id"], ["personen.id"], name=op.f("fk_samenvoegingen_overblijvend_persoon_id_personen")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_samenvoegingen")),
        sa.UniqueConstraint("splitsing_id", name=op.f("uq_samenvoegingen_splitsing_id")),
    )
    with op.batch_alter_table("samenvoegingen") as batch_op:
        batch_op.create_index(batch_op.f("ix_samenvoegingen_opgegaan_persoon_id"), ["opgegaan_persoon_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_samenvoegingen_overblijvend_persoon_id"), ["overblijvend_persoon_id"], unique=False)
    _index_existing_persons()


def downgrade() -> None:
    op.drop_table("samenvoegingen")
    op.drop_table("mogelijke_dubbelen")
    op.drop_table("persoon_zoeksleutels")
    with op.batch_alter_table("personen") as batch_op:
        batch_op.drop_index(batch_op.f("ix_personen_samengevoegd_in"))
        batch_op.drop_column("samengevoegd_in")


def _index_existing_persons() -> None:
    from intake.adapters.crypto import KeyRing
    from intake.domain.identity import Identity, Verdict, compare
    from intake.service_layer.identity import identity_of
    from intake.settings import IntakeSettings

    bind = op.get_bind()
    personen = sa.table(
        "personen",
        sa.column("id", sa.Uuid),
        sa.column("gegevens_versleuteld", sa.Text),
        sa.column("sleutel_versleuteld", sa.Text),
        sa.column("aangemaakt_op", journey_platform.db.UTCDateTime(timezone=True)),
    )
    rows = bind.execute(
        sa.select(personen).where(personen.c.sleutel_versleuteld.is_not(None)).order_by(personen.c.aangemaakt_op)
    ).all()
    if not rows:
        return
    settings = IntakeSettings()
    ring = KeyRing(settings.bsn_keys, settings.bsn_index_key)
    keys_table = sa.table(
        "persoon_zoeksleutels", sa.column("persoon_id", sa.Uuid), sa.column("sleutel", sa.String), sa.column("soort", sa.String)
    )
    identities: dict[uuid.UUID, Identity] = {}
    by_key: dict[str, list[uuid.UUID]] = defaultdict(list)
    for pid, gegevens, wrapped, _ in rows:
        if not gegevens:
            continue
        identity = identity_of(json.loads(ring.unwrap(wrapped, str(pid)).open(gegevens) or "{}"))
        identities[pid] = identity
        for plain, soort in identity.lookup_keys().items():
            sleutel = ring.blind_index(plain)
            bind.execute(keys_table.insert().values(persoon_id=pid, sleutel=sleutel, soort=soort))
            by_key[sleutel].append(pid)
    dubbelen = sa.table(
        "mogelijke_dubbelen",
        sa.column("id", sa.Uuid),
        sa.column("persoon_id", sa.Uuid),
        sa.column("kandidaat_id", sa.Uuid),
        sa.column("velden", sa.JSON),
        sa.column("status", sa.String),
        sa.column("gevonden_op", journey_platform.db.UTCDateTime(timezone=True)),
    )
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    now = datetime.now(UTC)
    for pids in by_key.values():
        for older, newer in itertools.combinations(pids, 2):
            if (older, newer) in seen:
                continue
            seen.add((older, newer))
            verdict, fields = compare(identities[newer], identities[older])
            if verdict is Verdict.different:
                continue
            bind.execute(
                dubbelen.insert().values(
                    id=uuid.uuid4(),
                    persoon_id=newer,
                    kandidaat_id=older,
                    velden=sorted({f.value for f in fields}),
                    status="open",
                    gevonden_op=now,
                )
            )
