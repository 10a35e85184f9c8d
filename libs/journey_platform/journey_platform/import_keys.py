"""The keys of an imported history (docs/import.md): the table `import_regels` each importing service keeps (a
declarative mixin). A row is keyed by its source and the source's own id, so re-running an import does not double it;
the rows another service imported are recorded by its consumer from the `importbron` extension, so a later row can
name them by their source ids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from journey_platform.db import UTCDateTime


class ImportKeys:
    """Columns of the `import_regels` table (a declarative mixin)."""

    __tablename__ = "import_regels"

    bron: Mapped[str] = mapped_column(String(100), primary_key=True)
    regelsoort: Mapped[str] = mapped_column(String(20), primary_key=True)
    bron_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    doel_id: Mapped[uuid.UUID] = mapped_column(Uuid)  # what the row became
    traject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    geimporteerd_op: Mapped[datetime] = mapped_column(UTCDateTime)
    geimporteerd_door: Mapped[str] = mapped_column(String(200))


def source_key(source: str | None, kind: str) -> tuple[str, str, str] | None:
    """(bron, regelsoort, bronId) of an `importbron` extension, if it names a row of `kind`."""
    if not source or source.count("/") < 2:
        return None
    bron, regelsoort, bron_id = source.split("/", 2)
    return (bron, regelsoort, bron_id) if regelsoort == kind else None


def key_values(
    key: tuple[str, str, str], doel_id: uuid.UUID, traject_id: uuid.UUID | None, door: str, op: datetime | None = None
) -> dict[str, object]:
    bron, regelsoort, bron_id = key
    return {
        "bron": bron,
        "regelsoort": regelsoort,
        "bron_id": bron_id,
        "doel_id": doel_id,
        "traject_id": traject_id,
        "geimporteerd_op": op or datetime.now(UTC),
        "geimporteerd_door": door,
    }
