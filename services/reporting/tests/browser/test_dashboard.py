"""The dashboard and the journey page in headless Chromium (every other host blocked): the API's figures with names,
Dutch formats and a legend, a sortable journey list, a journey page in plain Dutch, a provider's own clients;
axe-core (WCAG 2.1 AA) finds nothing on any of them. Screenshots are kept in screenshots/."""

import uuid
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from journey_platform.testing.browser import Page, open_page
from reporting.tests_support import Client, facility, feed

from .conftest import SCREENSHOTS

# The shelter is one of placement's reference facilities: its id is derived from its code, and the journey page names
# it (scripts/dashboard_facilities.py); the BW location is one a region registered itself, so it has no name there.
SHELTERED = Client("GM0262")
SHELTER, BW = uuid.uuid5(uuid.UUID("5d0f3c56-7a43-4d8e-9b0a-6f1f4a6c1e20"), "opvang-deventer"), uuid.uuid4()


def region_events() -> list[Any]:
    events = [
        facility("beschermd-wonen", 20, "GM0150", "ribw", facility_id=BW),
        facility("acute-opvang", 12, "GM0150", facility_id=SHELTER),
    ]
    for i, gemeente in enumerate(["GM0150", "GM0150", "GM0301"]):
        c = Client(gemeente)
        events += [
            c.melding(date(2025, 2 + i, 3)),
            c.onderzoek(date(2025, 2 + i, 5)),
            c.besluit(date(2025, 2 + i, 20), "beschermd-wonen"),
            c.plaatsing(date(2025, 4 + i, 1), BW),
        ]
    events += [SHELTERED.melding(date(2025, 3, 1)), SHELTERED.opname(date(2025, 3, 2), SHELTER)]
    return events


def token_of(auth: Any, *org: str) -> str:
    return str(auth(*org)["Authorization"].removeprefix("Bearer "))


async def text(page: Page) -> str:
    return str(await page.evaluate("document.body.innerText"))


async def no_axe_violations(page: Page) -> None:
    violations = await page.axe_violations()
    assert violations == [], violations


async def test_dashboard_renders_figures_with_names_a_legend_and_a_journey_page(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Path
) -> None:
    service, base = served_reporting
    await feed(service.container, region_events())
    token = token_of(auth, "centrale-toegang", "CT-MIDDEN-IJSSEL")
    query = urlencode(
        {"token": token, "peildatum": "2025-12-31", "van": "2025-01-01", "tot": "2025-12-31", "indicator": "bw-clienten"}
    )
    async with open_page(chromium, tmp_path / "profile", base, height=1800) as page:
        await page.goto(f"{base}/dashboard?{query}")
        await page.wait_for("document.getElementById('status').textContent.startsWith('geladen')")
        await page.wait_for("document.querySelectorAll('#journeys tbody tr').length === 4")
        shown = await text(page)
        assert "geladen: 24 indicatoren, peildatum 31 december 2025" in shown, shown[-2000:]
        assert await page.evaluate("document.querySelector('[data-code=\"bw-clienten\"]').dataset.waarde") == "3"
        assert "Deventer" in shown and "Zutphen" in shown and "Beschermd wonen" not in shown.split("Trajecten")[-1]
        assert "doel gehaald" in shown.lower() and "geen doel afgesproken" in shown  # the legend and the cards
        assert "GM0150" not in shown and "midden-ijssel" not in shown and "ribw" not in shown  # names, not codes
        assert "RIBW" in shown and "geplaatst" in shown
        assert page.blocked == [], page.blocked
        await no_axe_violations(page)
        await page.screenshot(SCREENSHOTS / "dashboard.png")

        # Sorting by days in phase, descending: the longest first.
        await page.evaluate("document.querySelector('button[data-sort=\"dagenInFase\"]').click()")
        await page.evaluate("document.querySelector('button[data-sort=\"dagenInFase\"]').click()")
        sort = await page.evaluate(
            "document.querySelector('button[data-sort=\"dagenInFase\"]').parentElement.getAttribute('aria-sort')"
        )
        assert sort == "descending"
        days = await page.evaluate(
            "[...document.querySelectorAll('#journeys tbody tr')].map(r => Number(r.cells[2].textContent.replace(/\\./g, '')))"
        )
        assert days == sorted(days, reverse=True)

        # Each indicator's definition, one click away.
        href = await page.evaluate("document.querySelector('#journeys tbody a').href")
        definition = await page.evaluate("document.querySelector('[data-code=\"bw-wachttijd\"] a.definitie').href")
        assert definition.endswith("definities.html#def-bw-wachttijd")
        await page.goto(definition)
        await page.wait_for("document.getElementById('def-bw-wachttijd') !== null")
        assert "central waiting list" in await page.evaluate("document.getElementById('def-bw-wachttijd').textContent")
        await no_axe_violations(page)

        # The journey page, reached by the row's link.
        await page.goto(href)
        await page.wait_for("document.querySelectorAll('#tijdlijn li').length > 0")
        journey = await text(page)
        assert "Melding van dak- of thuisloosheid geregistreerd" in journey, journey
        assert "melding-geregistreerd" not in journey  # plain Dutch, not the event's name
        assert "2025" in journey and "door " in journey
        assert page.blocked == [], page.blocked
        await no_axe_violations(page)

        # Where it happened, by name: the admission to a reference facility.
        await page.goto(f"{base}/dashboard/traject.html?id={SHELTERED.traject_id}")
        await page.wait_for("document.querySelectorAll('#tijdlijn li').length > 1")
        assert "in 24-uursopvang Deventer (voorbeeld) (Leger des Heils, Deventer)" in await text(page)
        assert page.blocked == [], page.blocked
        await no_axe_violations(page)
        await page.screenshot(SCREENSHOTS / "traject.png")


async def test_dashboard_without_token_asks_for_one(served_reporting: Any, chromium: str, tmp_path: Path) -> None:
    _, base = served_reporting
    async with open_page(chromium, tmp_path / "profile", base) as page:
        await page.goto(f"{base}/dashboard/")
        await page.wait_for("document.getElementById('status').textContent.includes('plak een token')")
        await no_axe_violations(page)


async def test_a_local_team_sees_its_own_municipality_on_the_dashboard(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Path
) -> None:
    service, base = served_reporting
    await feed(service.container, region_events())
    query = urlencode(
        {
            "token": token_of(auth, "gemeente", "GM0301"),
            "peildatum": "2025-12-31",
            "gemeente": "GM0301",
            "indicator": "bw-clienten",
        }
    )
    async with open_page(chromium, tmp_path / "profile", base) as page:
        await page.goto(f"{base}/dashboard?{query}")
        await page.wait_for("document.getElementById('status').textContent.startsWith('geladen')")
        assert await page.evaluate("document.querySelector('[data-code=\"bw-clienten\"]').dataset.waarde") == "1"
        assert "Zutphen (1 januari 2025 t/m 31 december 2025" in await text(page)


async def test_a_provider_sees_its_own_clients_and_why_no_figures(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Path
) -> None:
    service, base = served_reporting
    await feed(service.container, region_events())
    query = urlencode({"token": token_of(auth, "zorgaanbieder", "ribw")})
    async with open_page(chromium, tmp_path / "profile", base) as page:
        await page.goto(f"{base}/dashboard?{query}")
        await page.wait_for("document.querySelectorAll('#journeys tbody tr').length === 3")
        shown = await text(page)
        assert "Als zorgaanbieder ziet u geen regionale cijfers" in shown and "403" not in shown
        await no_axe_violations(page)
        await page.screenshot(SCREENSHOTS / "dashboard-zorgaanbieder.png")
