"""The region's history (docs/import.md): central access imports moves into a home with their real moments, the same
rows as `python -m housing.import_history`."""

from __future__ import annotations

from housing.service_layer.history_import import Importer
from journey_platform.web.history_import import history_router

router = history_router(
    Importer, operation_id="importeerVerhuishistorie", what="moves into a home", command="python -m housing.import_history"
)
