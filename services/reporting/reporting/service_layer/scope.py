"""Which municipalities an indicator request covers, and whether the caller may see them.

A local team sees the figures of its own municipality; the central access point those of its region
and of each municipality in it; an advisory council those of the municipality it advises, or of its region. Providers and corporations see no indicators (small counts per
municipality can point to persons)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journey_platform.errors import Forbidden, InvalidInput
from journey_platform.principal import Principal
from journey_platform.reference import ReferenceData
from reporting.domain.indicators.common import Window

MAX_PERIOD_DAYS = 10 * 366
# The figures start with the platform; far-off years only make month arithmetic overflow at year 9999.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


@dataclass(frozen=True)
class Scope:
    regio: str | None
    gemeente: str | None
    gemeenten: tuple[str, ...]  # the municipalities compared side by side
    regio_gemeenten: tuple[str, ...] = ()  # every municipality of the scope's region ("MO in the region")

    @property
    def naam(self) -> str:
        return self.gemeente or self.regio or ""


def resolve_scope(who: Principal, reference: ReferenceData, regio: str | None, gemeente: str | None) -> Scope:
    if regio is not None and reference.region(regio) is None:
        raise InvalidInput.field("regio", f"unknown region {regio}", "unknown")
    if gemeente is not None:
        if not reference.is_known_municipality(gemeente):
            raise InvalidInput.field("gemeente", f"unknown municipality {gemeente}", "unknown")
        if regio is not None and reference.region_of(gemeente) != regio:
            raise InvalidInput.field("gemeente", f"{gemeente} does not lie in region {regio}", "mismatch")
    if who.is_advisory_council and who.municipality is not None:  # a council of one municipality: as its local team
        if (regio is not None and gemeente is None) or (gemeente or who.municipality) != who.municipality:
            raise Forbidden("an advisory council sees the figures of its own municipality only")
        gemeente = who.municipality
    elif who.is_local_team:
        if (regio is not None and gemeente is None) or (gemeente or who.org_id) != who.org_id:
            raise Forbidden("a local team sees the indicators of its own municipality only")
        gemeente = who.org_id
    elif who.is_central_access or who.is_advisory_council:  # a regional council: its region, as central access
        asked = regio or reference.region_of(gemeente) or who.region
        if asked != who.region:
            raise Forbidden("a central access point or regional council sees the figures of its own region only")
        regio = who.region
    else:
        raise Forbidden("only local teams, central access points and advisory councils see indicators")
    if gemeente is not None:
        own = reference.region(reference.region_of(gemeente) or "")
        return Scope(
            reference.region_of(gemeente), gemeente, (gemeente,), tuple(m.code for m in own.municipalities) if own else ()
        )
    found = reference.region(regio or "")
    codes = tuple(m.code for m in found.municipalities) if found else ()
    return Scope(regio, None, codes, codes)


def resolve_window(scope: Scope, today: date, peildatum: date | None, van: date | None, tot: date | None) -> Window:
    for name, day in (("peildatum", peildatum), ("van", van), ("tot", tot)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise InvalidInput.field(name, f"lies outside {EARLIEST} to {LATEST}", "range")
    peildatum = peildatum or today
    van = van or date(peildatum.year, 1, 1)
    tot = tot or date(van.year, 12, 31)
    if van > tot:
        raise InvalidInput.field("tot", "tot lies before van", "range")
    if (tot - van).days > MAX_PERIOD_DAYS:
        raise InvalidInput.field("tot", "a period spans at most ten years", "range")
    return Window(van, tot, peildatum, frozenset(scope.gemeenten), frozenset(scope.regio_gemeenten) or None)
