"""Import the region's moves into a home (verhuizingen) into housing (docs/import.md).

    python -m housing.import_history FILE [--dry-run] [--door CT-MIDDEN-IJSSEL] [--bron NAME] [--medewerker WHO]

FILE is JSON Lines: one object per line, `regelsoort` verhuizing, naming the ready-to-leave declarations placement
imported from the same source (`--bron`). Run after placement's import, once housing has consumed its events. Exit code 0 when every row was accepted, 1 when a row was refused (the summary lists them).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from housing.service_layer.history_import import Importer
from journey_platform.history_import import Report, command_line
from journey_platform.history_import import import_lines as run_lines
from journey_platform.runtime import Container


async def import_lines(container: Container, lines: Sequence[str], **options: Any) -> Report:
    """Import (or, with `dry_run=True`, check) the rows of a JSON Lines file (options: door, medewerker, bron)."""
    return await run_lines(Importer, container, lines, **options)


def build() -> Container:
    """Housing's container as the service builds it (bootstrap.start), without messaging: the relay publishes."""
    from datetime import UTC, datetime

    from housing.adapters.orm import messaging, verwerkingen
    from housing.adapters.unit_of_work import SqlUnitOfWork
    from housing.adapters.verwerkingen import SUBJECTS
    from housing.service_layer.context import HousingContext
    from housing.settings import HousingSettings
    from journey_platform.privacy.setup import install_processing_log
    from journey_platform.runtime import build_container

    settings = HousingSettings()
    container = build_container(settings, messaging, uow_class=SqlUnitOfWork)
    install_processing_log(container, "housing", verwerkingen, SUBJECTS)
    container.extras["context"] = HousingContext(
        reference=container.reference, settings=settings, clock=lambda: datetime.now(UTC)
    )
    return container


def main(argv: Sequence[str] | None = None) -> int:
    prog = "python -m housing.import_history"
    return command_line(Importer, build, prog, __doc__.split("\n\n")[0], argv)


if __name__ == "__main__":
    sys.exit(main())
