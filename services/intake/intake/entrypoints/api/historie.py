"""The region's history (docs/import.md): central access imports persons, reports and decisions with their real
moments, the same rows as `python -m intake.import_history`; a dry run lists every row it would refuse."""

from __future__ import annotations

from intake.import_history import Importer
from journey_platform.web.history_import import history_router

router = history_router(
    Importer, operation_id="importeerHistorie", what="persons, reports and decisions", command="python -m intake.import_history"
)
