"""Reference data: regions are data, so a third region is configuration, not code."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field


class Municipality(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str = Field(pattern=r"^GM\d{4}$")
    name: str


class CentralAccess(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    name: str


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)
    code: str
    name: str
    centre: str
    central_access: CentralAccess = Field(alias="centralAccess")
    municipalities: tuple[Municipality, ...]


class ReferenceData(BaseModel):
    model_config = ConfigDict(frozen=True)
    regions: tuple[Region, ...]

    def region(self, code: str) -> Region | None:
        return next((r for r in self.regions if r.code == code), None)

    def region_of(self, municipality: str | None) -> str | None:
        for region in self.regions:
            if any(m.code == municipality for m in region.municipalities):
                return region.code
        return None

    def municipality(self, code: str) -> Municipality | None:
        return next((m for r in self.regions for m in r.municipalities if m.code == code), None)

    def is_known_municipality(self, code: str) -> bool:
        return self.municipality(code) is not None

    def central_access_region(self, central_access_id: str) -> str | None:
        return next((r.code for r in self.regions if r.central_access.id == central_access_id), None)


@cache
def load_reference_data(path: Path | None = None) -> ReferenceData:
    if path is None:
        text = resources.files("journey_platform").joinpath("regions.yaml").read_text()
    else:
        text = Path(path).read_text()
    return ReferenceData.model_validate(yaml.safe_load(text))
