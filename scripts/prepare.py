"""`make run`'s preparation: development keys, migrated embedded databases, reference data and facilities."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from journey_platform.devissuer import DevIssuer
from journey_platform.migrations import upgrade_head
from journey_platform.reference import load_reference_data
from placement.reference_facilities import load_reference_facilities, read_reference_facilities
from placement.settings import PlacementSettings

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("intake", "placement", "housing", "reporting")


def main() -> None:
    os.chdir(ROOT)
    DevIssuer().write_jwks()
    reference = load_reference_data(Path(os.environ["REFERENCE_DATA_FILE"]) if os.environ.get("REFERENCE_DATA_FILE") else None)
    for service in SERVICES:
        url = os.environ.get(f"{service.upper()}_DATABASE_URL", f"sqlite+aiosqlite:///var/{service}.db")
        upgrade_head(ROOT / "services" / service, url)
    facilities = read_reference_facilities()
    added = asyncio.run(load_reference_facilities(PlacementSettings(), facilities))
    regions = ", ".join(f"{r.name} ({len(r.municipalities)} municipalities)" for r in reference.regions)
    print(f"prepared: databases migrated; reference data: {regions}")
    print(f"reference facilities: {len(added)} added, {len(facilities.facilities) - len(added)} already there")


if __name__ == "__main__":
    main()
