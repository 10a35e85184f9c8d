"""The region's history (docs/import.md): central access imports stays, placements, their outflow and the waiting
list's leaving with their real moments, the same rows as `python -m placement.import_history`."""

from __future__ import annotations

from journey_platform.web.history_import import history_router
from placement.service_layer.history_import import Importer

router = history_router(
    Importer,
    operation_id="importeerVerblijfshistorie",
    what="stays, placements, outflow, the waiting list and ready to leave",
    command="python -m placement.import_history",
)
