"""registration kind: whether a fact was registered late or imported, from the CloudEvents extensions
`laatgeregistreerd` and `geimporteerd` (docs/late-registration.md, docs/import.md); None for events received before.

Revision ID: 0008_registration_kind
Revises: 0006_episodes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_registration_kind"
down_revision = "0006_episodes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("gebeurtenissen", sa.Column("registratie", sa.String(length=20), nullable=True))
    op.add_column("tijdlijn", sa.Column("registratie", sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column("tijdlijn", "registratie")
    op.drop_column("gebeurtenissen", "registratie")
