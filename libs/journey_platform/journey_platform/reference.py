"""Reference data: regions are data, so a third region is configuration, not code."""

from __future__ import annotations

from datetime import time
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator


class Municipality(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str = Field(pattern=r"^GM\d{4}$")
    name: str


class CentralAccess(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    name: str


class AdvisoryCouncil(BaseModel):
    """A client council, social-domain advisory council or participation council (seed 000: "Participatieraad
    Zwolle", "de adviesraden"): read-only, aggregated figures of its municipality, or of its region when it advises
    the region as a whole (docs/experience.md)."""

    model_config = ConfigDict(frozen=True)
    id: str = Field(pattern=r"^[A-Z][A-Z0-9-]{1,59}$")
    name: str
    kind: str = Field(pattern=r"^(clientenraad|adviesraad-sociaal-domein|participatieraad)$")
    municipality: str | None = Field(None, pattern=r"^GM\d{4}$", description="None: it advises the whole region.")


class ShortStay(BaseModel):
    """The out-of-region short stay: `nights` nights from the admission, leaving at `checkout` (Dutch time) on
    the day after the last night (IJssel-Vecht: 2 nights, noon on day 3)."""

    model_config = ConfigDict(frozen=True)
    nights: int = Field(2, ge=1, le=30)
    checkout: str = Field("12:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="Local time, HH:MM.")

    @property
    def days(self) -> int:
        return self.nights + 1

    @property
    def checkout_time(self) -> time:
        return time.fromisoformat(self.checkout)


class BwNewClient(BaseModel):
    """Look-backs of the BW new-client rule (seed 003 4.1 fn 5). `useLookbackDays` null: unbounded, as written."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)
    application_lookback_days: int = Field(365, ge=1, le=3660, alias="applicationLookbackDays")
    use_lookback_days: int | None = Field(None, ge=1, alias="useLookbackDays")


class Aftercare(BaseModel):
    """Aftercare after a move into an own home (docs/aftercare.md): follow-up contacts due this many calendar months
    after the move (Dutch dates), each on time up to `graceDays` Dutch days after its due date."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)
    follow_up_months: tuple[int, ...] = Field((1, 3, 6, 12), min_length=1, max_length=12, alias="followUpMonths")
    grace_days: int = Field(14, ge=0, le=60, alias="graceDays")

    @field_validator("follow_up_months")
    @classmethod
    def _increasing(cls, months: tuple[int, ...]) -> tuple[int, ...]:
        if any(m < 1 or m > 60 for m in months) or list(months) != sorted(set(months)):
            raise ValueError("followUpMonths must be increasing months between 1 and 60")
        return months


class RegionRules(BaseModel):
    """A region's own rules; the defaults are the seeds' numbers. `shortStay` null: no short-stay limit."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)
    short_stay: ShortStay | None = Field(default_factory=ShortStay, alias="shortStay")
    decision_term_weeks: int = Field(8, ge=1, le=52, alias="decisionTermWeeks")
    acute_stay_max_weeks: int = Field(8, ge=1, le=52, alias="acuteStayMaxWeeks")
    bw_new_client: BwNewClient = Field(default_factory=BwNewClient, alias="bwNewClient")
    aftercare: Aftercare = Field(default_factory=Aftercare)


DEFAULT_RULES = RegionRules()


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)
    code: str
    name: str
    centre: str
    central_access: CentralAccess = Field(alias="centralAccess")
    municipalities: tuple[Municipality, ...]
    rules: RegionRules = Field(default_factory=RegionRules)
    advisory_councils: tuple[AdvisoryCouncil, ...] = Field((), alias="advisoryCouncils")


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

    def rules(self, region: str | None) -> RegionRules:
        """The rules of a region; the seeds' defaults for a region not served here (or none)."""
        found = self.region(region) if region else None
        return found.rules if found is not None else DEFAULT_RULES

    def municipality(self, code: str) -> Municipality | None:
        return next((m for r in self.regions for m in r.municipalities if m.code == code), None)

    def is_known_municipality(self, code: str) -> bool:
        return self.municipality(code) is not None

    def central_access_region(self, central_access_id: str) -> str | None:
        return next((r.code for r in self.regions if r.central_access.id == central_access_id), None)

    def advisory_council(self, council_id: str) -> tuple[str, AdvisoryCouncil] | None:
        """The council and the region it belongs to."""
        return next(((r.code, c) for r in self.regions for c in r.advisory_councils if c.id == council_id), None)


@cache
def load_reference_data(path: Path | None = None) -> ReferenceData:
    if path is None:
        text = resources.files("journey_platform").joinpath("regions.yaml").read_text()
    else:
        text = Path(path).read_text()
    return ReferenceData.model_validate(yaml.safe_load(text))
