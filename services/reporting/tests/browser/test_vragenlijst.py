"""The client's questionnaire in headless Chromium on a phone-sized window (every other host blocked): filled in and
sent without any script, axe-core (WCAG 2.1 AA) finds nothing on the form, the thank-you page or the used link's page;
and the dashboard shows the results next to the refusals, also without axe violations. Screenshots in screenshots/."""

import uuid
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from journey_platform.testing.browser import Page, open_page
from reporting.experience.adapters.orm import Ervaringsantwoord
from reporting.tests_support import Client, feed

from .conftest import SCREENSHOTS

CT = ("centrale-toegang", "CT-MIDDEN-IJSSEL")


async def no_axe_violations(page: Page) -> None:
    violations = await page.axe_violations()
    assert violations == [], violations


async def test_a_client_fills_in_the_questionnaire_on_a_phone(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Path
) -> None:
    service, base = served_reporting
    client = Client("GM0150")
    await feed(service.container, [client.melding(date(2026, 10, 1))])
    invited = await service.client.post(
        f"/v1/trajecten/{client.traject_id}/ervaringsuitnodigingen", json={"moment": "tijdens-opvang"}, headers=auth(*CT)
    )
    link = base + invited.json()["link"]
    async with open_page(chromium, tmp_path / "profile", base, width=390, height=2400) as page:
        await page.goto(link)
        await page.wait_for("document.querySelectorAll('fieldset').length > 5")
        assert await page.evaluate("document.documentElement.lang") == "nl"
        assert await page.evaluate("document.scripts.length") == 0
        legend = await page.evaluate("document.querySelector('legend').textContent")
        assert legend.endswith("Ik wist waar ik terecht kon voor hulp."), legend
        await no_axe_violations(page)
        await page.screenshot(SCREENSHOTS / "vragenlijst.png")
        await page.evaluate(
            "['wist-waar-hulp-4', 'veilig-opvang-5', 'hulp-past-3', 'toestemming-ja'].forEach(id => document.getElementById(id).click());"
            "document.getElementById('verhaal').value = 'De mensen in de opvang luisterden naar mij.';"
            "document.querySelector('button[type=submit]').click()"
        )
        await page.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Bedankt!'")
        await no_axe_violations(page)
        await page.screenshot(SCREENSHOTS / "vragenlijst-bedankt.png")
        await page.goto(link)
        await page.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent.includes('al ingevuld')")
        await no_axe_violations(page)
        assert page.blocked == [], page.blocked  # (the console notes the 410 itself, and the favicon Chromium asks for)
    async with service.container.uow() as uow:
        answer = (await uow.session.scalars(select(Ervaringsantwoord))).one()
        assert answer.scores == {"wist-waar-hulp": 4, "veilig-opvang": 5, "hulp-past": 3}
        assert answer.verhaal == "De mensen in de opvang luisterden naar mij."


async def test_the_dashboard_shows_experience_next_to_refusals(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Path
) -> None:
    service, base = served_reporting
    scores = [5, 4, 4, 2, 5, 3]  # safety: 6 answers, mean 23/6 = 3.8, positive 4/6 = 67%
    async with service.container.uow() as uow:
        uow.session.add_all(
            Ervaringsantwoord(
                id=uuid.uuid4(),
                regio="midden-ijssel",
                gemeente="GM0150",
                moment="tijdens-opvang",
                fase="in-opvang",
                periode="2025-06",
                vragenlijst_versie=1,
                scores={"veilig-gevoeld": s},
                verhaal=None,
            )
            for s in scores
        )
        await uow.commit()
    token = str(auth(*CT)["Authorization"].removeprefix("Bearer "))
    query = urlencode({"token": token, "peildatum": "2025-12-31", "van": "2025-01-01", "tot": "2025-12-31"})
    async with open_page(chromium, tmp_path / "profile", base, height=2200) as page:
        await page.goto(f"{base}/dashboard?{query}")
        await page.wait_for("document.getElementById('status').textContent.startsWith('geladen')")
        await page.wait_for("document.querySelectorAll('#ervaringen tbody tr').length === 5")
        rows = await page.evaluate(
            "[...document.querySelectorAll('#ervaringen tbody tr')].map(r => [...r.cells].map(c => c.textContent))"
        )
        assert ["Veiligheid", "6", "3,8", "67%"] in rows, rows
        assert ["Toegang", "minder dan 5", "–", "–"] in rows, rows
        naast = await page.evaluate("document.getElementById('ervaringen-naast').textContent")
        assert naast.startswith("Veiligheid: 67% positief (6 antwoorden) · naast: weigeringen wegens plaatsgebrek"), naast
        assert page.blocked == [], page.blocked
        await no_axe_violations(page)
        await page.screenshot(SCREENSHOTS / "dashboard-ervaringen.png")


async def test_an_advisory_council_sees_figures_and_no_journeys(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Path
) -> None:
    service, base = served_reporting
    await feed(service.container, [Client("GM0150").melding(date(2025, 3, 1))])
    token = str(auth("adviesraad", "AR-GM0150")["Authorization"].removeprefix("Bearer "))
    query = urlencode({"token": token, "peildatum": "2025-12-31", "van": "2025-01-01", "tot": "2025-12-31"})
    async with open_page(chromium, tmp_path / "profile", base) as page:
        await page.goto(f"{base}/dashboard?{query}")
        await page.wait_for("document.getElementById('status').textContent.startsWith('geladen')")
        assert await page.evaluate("document.getElementById('journeys').closest('section').hidden") is True
        assert await page.evaluate("document.querySelectorAll('#ervaringen tbody tr').length") == 5
        assert "Deventer" in await page.evaluate("document.getElementById('ervaringen-titel').textContent")
        await no_axe_violations(page)
        await page.screenshot(SCREENSHOTS / "dashboard-adviesraad.png")
