"""Reference facilities: the shelters and BW locations a region starts with, loaded as data (voorzieningen.yaml).

`python -m placement.reference_facilities [--file F]` adds every facility of the file that is not there yet, with
its announcement in the outbox (the relay publishes it when placement runs), and changes nothing else. Run by
`make run` (scripts/prepare.py) and by the production migration Job; PLACEMENT_REFERENCE_FACILITIES_FILE (or
--file) names a region's own file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import uuid
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select

from journey_platform.runtime import build_container
from placement.adapters.orm import Voorziening, messaging
from placement.adapters.unit_of_work import SqlUnitOfWork, unit_of_work
from placement.service_layer import commands as c
from placement.service_layer.context import PlacementContext
from placement.service_layer.facilities import add_facility
from placement.settings import PlacementSettings

# Ids derived from the code: the same facility has the same id in every installation and on every load.
NAMESPACE = uuid.UUID("5d0f3c56-7a43-4d8e-9b0a-6f1f4a6c1e20")
FILE_SETTING = "PLACEMENT_REFERENCE_FACILITIES_FILE"


class Provider(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str = Field(pattern=r"^[a-z0-9-]{2,60}$")
    naam: str


class ReferenceFacility(c.RegistreerVoorziening):
    code: str = Field(pattern=r"^[a-z0-9-]{2,60}$")
    bron: str = Field(description="Where the facts come from (a seed sentence, or 'synthetic').")

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, self.code)


class ReferenceFacilities(BaseModel):
    model_config = ConfigDict(frozen=True)
    providers: tuple[Provider, ...]
    facilities: tuple[ReferenceFacility, ...]

    @model_validator(mode="after")
    def _known_providers_and_unique_codes(self) -> ReferenceFacilities:
        providers = {p.id for p in self.providers}
        unknown = sorted({f.zorgaanbieder for f in self.facilities} - providers)
        if unknown:
            raise ValueError(f"facilities name providers not listed under providers: {unknown}")
        codes = [f.code for f in self.facilities]
        if len(set(codes)) != len(codes):
            raise ValueError("each facility code once")
        return self


def read_reference_facilities(path: Path | None = None) -> ReferenceFacilities:
    """The given file, else PLACEMENT_REFERENCE_FACILITIES_FILE, else the file shipped with placement."""
    path = path or (Path(os.environ[FILE_SETTING]) if os.environ.get(FILE_SETTING) else None)
    text = path.read_text() if path else resources.files("placement").joinpath("voorzieningen.yaml").read_text()
    return ReferenceFacilities.model_validate(yaml.safe_load(text))


async def load_reference_facilities(settings: PlacementSettings, facilities: ReferenceFacilities) -> list[str]:
    """Adds the facilities not there yet (by id) in one transaction; returns the codes it added."""
    container = build_container(settings, messaging, uow_class=SqlUnitOfWork)
    ctx = PlacementContext.from_settings(settings, container.reference, lambda: datetime.now(UTC))
    added: list[str] = []
    try:
        async with unit_of_work(container) as uow:
            existing = set((await uow.session.scalars(select(Voorziening.id))).all())
            for facility in facilities.facilities:
                if facility.id in existing:
                    continue
                if not ctx.reference.is_known_municipality(facility.gemeente):
                    raise ValueError(f"{facility.code}: {facility.gemeente} is not a municipality of a region served")
                add_facility(uow, ctx, facility.id, facility)
                added.append(facility.code)
            await uow.commit()
    finally:
        await container.engine.dispose()
    return added


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help=f"a region's own file (default: ${FILE_SETTING} or the shipped one)")
    args = parser.parse_args(argv)
    facilities = read_reference_facilities(args.file)
    added = asyncio.run(load_reference_facilities(PlacementSettings(), facilities))
    total = len(facilities.facilities)
    print(f"reference facilities: {len(added)} added, {total - len(added)} already there")


if __name__ == "__main__":
    main()
