"""Import the region's stays, placements and waiting-list history into placement (docs/import.md).

    python -m placement.import_history FILE [--dry-run] [--door CT-MIDDEN-IJSSEL] [--bron NAME] [--medewerker WHO]

FILE is JSON Lines: one object per line, `regelsoort` opname, plaatsing, uitstroom or wachtlijst, naming the reports
and decisions intake imported from the same source (`--bron`). Run after intake's import, once placement has
consumed its events. Exit code 0 when every row was accepted, 1 when a row was refused (the summary lists them).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from journey_platform.history_import import Report
from journey_platform.runtime import Container
from placement.service_layer.history_import import Importer


async def import_lines(
    container: Container, lines: Sequence[str], *, dry_run: bool, door: str, medewerker: str = "beheer", bron: str = "historie"
) -> Report:
    """Import (or, with `dry_run`, check) the rows of a JSON Lines file; the report lists every refused row."""
    importer = Importer.at_door(container, door=door, medewerker=medewerker, bron=bron)
    return await importer.run(lines, dry_run)


async def _main(args: argparse.Namespace) -> int:
    from placement.bootstrap import build
    from placement.settings import PlacementSettings

    lines = Path(args.file).read_text(encoding="utf-8").splitlines()  # noqa: ASYNC240  # read once, before any I/O of the import
    container = build(PlacementSettings())
    try:
        report = await import_lines(
            container, lines, dry_run=args.dry_run, door=args.door, medewerker=args.medewerker, bron=args.bron
        )
    finally:
        await container.engine.dispose()
    print(report.summary())
    return 1 if report.refused else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m placement.import_history", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="JSON Lines file (docs/import.md)")
    parser.add_argument("--dry-run", action="store_true", help="check every row, change nothing, list refused rows")
    parser.add_argument("--door", default="CT-IJSSEL-VECHT", help="the central access point that imports (its region)")
    parser.add_argument("--medewerker", default="beheer", help="who runs the import (processing log's actor)")
    parser.add_argument("--bron", default="historie", help="the source's name, the same as intake's import of it")
    return asyncio.run(_main(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
