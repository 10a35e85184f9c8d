"""`make demo`'s plan: who is reported when, and how each journey is meant to go, calibrated on the seeds.

Pure and deterministic (a seed): no HTTP here, so the calibration is unit-tested (tests/demo). The driver
(scripts/demo.py) carries the plan out through the REST APIs in time order; what actually happens (a full
shelter refuses, the waiting list decides who gets the next BW place) is up to the services.

The year is the 365 days up to today. Before it: a run-in of MO stays (so the shelters are occupied on its
first day, as they would be), the BW clients already placed, and a BW waiting list that has built up.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

NL = ZoneInfo("Europe/Amsterdam")
YEAR = 365
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Facility:
    naam: str
    type: str
    zorgaanbieder: str
    gemeente: str
    plaatsen: int


@dataclass(frozen=True)
class RegionProfile:
    code: str
    central_access: str
    corporation: str
    municipalities: dict[str, float]  # CBS code → share of reports
    reports: int  # reports in the year, every kind
    mo: int  # people a year reaching the shelter
    short_stays: int  # out-of-region short stays a year (2 nights / 3 days)
    mo_stay_days: float  # average MO stay (acute and transit together)
    bw: int  # BW decisions a year
    bw_start: int  # BW clients already placed when the year begins
    bw_backlog: int  # waiting for BW when the year begins
    bw_backlog_months: float  # the longest of them has waited this long
    bw_leave_share: float  # share of BW clients who leave in a year
    shelters: tuple[Facility, ...]  # where people are admitted
    transit: tuple[Facility, ...]  # doorstroom, after the acute weeks (empty: they stay where admitted)
    bw_facilities: tuple[Facility, ...]


IJSSEL_VECHT = RegionProfile(
    "ijssel-vecht",
    "CT-IJSSEL-VECHT",
    "openbaar-belang",
    {
        "GM0193": 0.45,
        "GM0166": 0.12,
        "GM0160": 0.12,
        "GM1708": 0.1,
        "GM0148": 0.06,
        "GM1896": 0.06,
        "GM0175": 0.05,
        "GM0180": 0.04,
    },
    reports=360,
    mo=200,
    short_stays=14,
    mo_stay_days=240,
    bw=25,
    bw_start=58,
    bw_backlog=20,
    bw_backlog_months=10,
    bw_leave_share=0.3,
    shelters=(Facility("De Herberg", "acute-opvang", "leger-des-heils", "GM0193", 32),),
    transit=(
        Facility("Doorstroomhuis Zwolle", "doorstroomvoorziening", "leger-des-heils", "GM0193", 80),
        Facility("Doorstroom Kampen", "doorstroomvoorziening", "limor", "GM0166", 38),
    ),
    bw_facilities=(Facility("BW IJssel-Vecht", "beschermd-wonen", "ribw", "GM0193", 60),),
)
MIDDEN_IJSSEL = RegionProfile(
    "midden-ijssel",
    "CT-MIDDEN-IJSSEL",
    "woonbedrijf-ieder1",
    {"GM0150": 0.5, "GM0301": 0.2, "GM0177": 0.12, "GM0262": 0.1, "GM1773": 0.08},
    reports=400,
    mo=170,
    short_stays=10,
    mo_stay_days=200,
    bw=95,
    bw_start=265,
    bw_backlog=140,
    bw_backlog_months=18.4,
    bw_leave_share=0.33,
    shelters=(
        Facility("24-uursopvang Deventer", "24-uursopvang", "leger-des-heils", "GM0150", 75),
        Facility("Crisisopvang Zutphen", "crisisopvang", "leger-des-heils", "GM0301", 20),
    ),
    transit=(),
    bw_facilities=(
        Facility("BW Deventer", "beschermd-wonen", "ribw", "GM0150", 170),
        Facility("BW Zutphen", "beschermd-wonen", "limor", "GM0301", 100),
    ),
)
REGIONS = (IJSSEL_VECHT, MIDDEN_IJSSEL)

ROUTES = (
    ["verlies-woning-na-life-event"] * 4
    + ["uitstroom-instelling"] * 2
    + ["huisuitzetting"] * 3
    + ["remigratie", "arbeidsmigrant", "onbekend"]
)
SHORT_ENDS = ("familie-of-vrienden", "onbekend-of-straat", "familie-of-vrienden", "ziekenhuis", "detentie")
OTHER_ENDS = ("familie-of-vrienden", "onbekend-of-straat", "andere-regio", "detentie")
WINTER_PEAK = 0.35
SHORT_SHARE, HOUSED_SHARE, RETURN_SHARE, HOUSING_FIRST_SHARE = 0.25, 0.7, 0.12, 0.15


@dataclass
class Journey:
    """One person's planned journey; `state` is what the driver learns on the way (ids)."""

    n: int
    region: RegionProfile
    kind: str  # mo | kort (out of region) | bw | lokaal | geen | sluiten
    cohort: str  # jaar | inloop (MO run-in) | geplaatst (BW at the start) | wachtend (BW backlog)
    municipality: str
    origin: str
    route: str
    reported: date
    decided: date | None
    seed: int
    stay: StayPlan | None = None
    state: dict[str, Any] = field(default_factory=dict)
    rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # the journey's own dice, for what the driver decides on the way


@dataclass(frozen=True)
class StayPlan:
    """An MO stay from admission: days until each step (None: it does not happen)."""

    admit: datetime
    days: float  # until leaving
    transfer_after: float | None
    plan_after: float | None
    ready_after: float | None
    housed: bool
    housing_first: bool
    destination: str

    @property
    def leaves(self) -> datetime:
        return self.admit + timedelta(days=self.days)


def moment(day: date, rng: random.Random) -> datetime:
    """A moment in office hours on that day, Dutch time."""
    return datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=NL)


def plan_mo_stay(rng: random.Random, region: RegionProfile, admit: datetime, out_of_region: bool) -> StayPlan:
    """Short stays (a quarter) leave within 8 weeks; the rest stay long enough that the average is the region's."""
    if out_of_region:
        return StayPlan(admit, rng.uniform(1.5, 3), None, None, None, False, False, "andere-regio")
    if rng.random() < SHORT_SHARE:
        return StayPlan(admit, rng.uniform(2, 56), None, None, None, False, False, rng.choice(SHORT_ENDS))
    long_mean = (region.mo_stay_days - SHORT_SHARE * 29) / (1 - SHORT_SHARE)
    days = min(max(rng.gammavariate(3, long_mean / 3), 60), 900)
    transfer = rng.uniform(28, 55) if region.transit else None
    housed = rng.random() < HOUSED_SHARE
    ready = max(days - min(rng.gammavariate(2, 35), days - 30), 20) if housed else None
    housing_first = housed and rng.random() < HOUSING_FIRST_SHARE
    destination = ("housing-first" if housing_first else "eigen-woning") if housed else rng.choice(OTHER_ENDS)
    return StayPlan(admit, days, transfer, rng.uniform(14, 35), ready, housed, housing_first, destination)


def _day_in_year(rng: random.Random, start: date) -> date:
    """More reports in winter (a peak in mid-January): the acute shelter fills up then."""
    while True:
        day = start + timedelta(days=rng.randrange(YEAR))
        if rng.random() < (1 + WINTER_PEAK * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / YEAR)) / (1 + WINTER_PEAK):
            return day


def _municipality(rng: random.Random, region: RegionProfile) -> str:
    return rng.choices(list(region.municipalities), weights=list(region.municipalities.values()))[0]


def plan_region(region: RegionProfile, today: date, seed: int, first_n: int, scale: float = 1.0) -> list[Journey]:
    """Every journey of one region: the year's reports of each kind, the MO run-in and the BW start."""
    rng = random.Random(f"{seed}:{region.code}")
    start = today - timedelta(days=YEAR - 1)
    journeys: list[Journey] = []

    def add(kind: str, cohort: str, reported: date, decided_after: int | None) -> Journey:
        municipality = _municipality(rng, region)
        origin = municipality if rng.random() > 0.25 else _municipality(rng, region)
        if kind == "kort":
            other = next(r for r in REGIONS if r.code != region.code)
            origin = _municipality(rng, other)
        decided = reported + timedelta(days=decided_after) if decided_after is not None else None
        journey = Journey(
            first_n + len(journeys),
            region,
            kind,
            cohort,
            municipality,
            origin,
            rng.choice(ROUTES),
            reported,
            decided if decided is None or decided <= today else None,
            rng.randrange(2**32),
        )
        if kind in ("mo", "kort"):
            admit = moment(reported + timedelta(days=rng.choice([0, 0, 0, 1])), rng)
            journey.stay = plan_mo_stay(random.Random(journey.seed), region, admit, kind == "kort")
        journeys.append(journey)
        return journey

    def count(n: float) -> int:
        return max(0, round(n * scale))

    run_in = round(region.mo_stay_days * 1.5)  # long enough that the shelters are in their usual state on day one
    for _ in range(count(region.mo * run_in / YEAR)):
        add("mo", "inloop", start - timedelta(days=rng.randrange(1, run_in)), rng.randint(10, 50))
    for _ in range(count(region.bw_start)):
        decided = start - timedelta(days=rng.randrange(round(region.bw_backlog_months * 30.4) + 30, 4 * YEAR))
        add("bw", "geplaatst", decided - timedelta(days=rng.randint(20, 50)), None).decided = decided
    for _ in range(count(region.bw_backlog)):
        decided = start - timedelta(days=rng.randrange(1, round(region.bw_backlog_months * 30.4)))
        add("bw", "wachtend", decided - timedelta(days=rng.randint(20, 50)), None).decided = decided
    year_kinds = ["mo"] * count(region.mo) + ["kort"] * count(region.short_stays) + ["bw"] * count(region.bw)
    rest = max(0, count(region.reports) - len(year_kinds))
    year_kinds += [rng.choice(["lokaal", "lokaal", "geen", "sluiten"]) for _ in range(rest)]
    for kind in year_kinds:
        late = rng.random() < 0.08  # a few decisions miss the 8 weeks
        add(
            kind,
            "jaar",
            _day_in_year(rng, start),
            None if kind == "kort" else rng.randint(57, 80) if late else rng.randint(5, 55),
        )
    return journeys


def plan(today: date, seed: int, scale: float = 1.0) -> list[Journey]:
    journeys: list[Journey] = []
    for offset, region in enumerate(REGIONS):
        journeys += plan_region(region, today, seed, offset * 10_000, scale)
    return journeys
