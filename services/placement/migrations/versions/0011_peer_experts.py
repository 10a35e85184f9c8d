"""peer experts (issue 17 item 2, docs/experience.md): whether a peer expert (ervaringsdeskundige) is part of the
guidance, and the organisation they work for (a code, no name).

Revision ID: 0009_peer_experts
Revises: 0008_late_registrations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_peer_experts"
down_revision = "0009_history_import"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("planversies", sa.Column("ervaringsdeskundige_betrokken", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("planversies", sa.Column("ervaringsdeskundige_organisatie", sa.String(length=60), nullable=True))


def downgrade() -> None:
    op.drop_column("planversies", "ervaringsdeskundige_organisatie")
    op.drop_column("planversies", "ervaringsdeskundige_betrokken")
