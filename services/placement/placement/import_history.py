"""Import the region's stays, placements and waiting-list history into placement (docs/import.md).

    python -m placement.import_history FILE [--dry-run] [--door CT-MIDDEN-IJSSEL] [--bron NAME] [--medewerker WHO]

FILE is JSON Lines: one object per line, `regelsoort` opname, plaatsing, uitstroom or wachtlijst, naming the reports
and decisions intake imported from the same source (`--bron`). Run after intake's import, once placement has
consumed its events. Exit code 0 when every row was accepted, 1 when a row was refused (the summary lists them).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from journey_platform.history_import import Report, command_line
from journey_platform.history_import import import_lines as run_lines
from journey_platform.runtime import Container
from placement.service_layer.history_import import Importer


async def import_lines(container: Container, lines: Sequence[str], **options: Any) -> Report:
    """Import (or, with `dry_run=True`, check) the rows of a JSON Lines file (options: door, medewerker, bron)."""
    return await run_lines(Importer, container, lines, **options)


def main(argv: Sequence[str] | None = None) -> int:
    from placement.bootstrap import build
    from placement.settings import PlacementSettings

    prog = "python -m placement.import_history"
    return command_line(Importer, lambda: build(PlacementSettings()), prog, __doc__.split("\n\n")[0], argv)


if __name__ == "__main__":
    sys.exit(main())
