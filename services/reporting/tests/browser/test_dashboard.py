"""The dashboard in headless Chromium: after its JavaScript ran, the page shows the API's figures and a journey."""

import uuid
from datetime import date
from typing import Any
from urllib.parse import urlencode

from reporting.tests_support import Client, facility, feed

from .conftest import SCREENSHOTS, run_chromium

BW, SHELTER = uuid.uuid4(), uuid.uuid4()


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
    sheltered = Client("GM0262")
    events += [sheltered.melding(date(2025, 3, 1)), sheltered.opname(date(2025, 3, 2), SHELTER)]
    return events


async def test_dashboard_renders_indicator_cards_charts_and_a_timeline(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Any
) -> None:
    service, base = served_reporting
    await feed(service.container, region_events())
    token = auth("centrale-toegang", "CT-MIDDEN-IJSSEL")["Authorization"].removeprefix("Bearer ")
    query = urlencode(
        {"token": token, "peildatum": "2025-12-31", "van": "2025-01-01", "tot": "2025-12-31", "indicator": "bw-clienten"}
    )
    url = f"{base}/dashboard?{query}"
    dom = await run_chromium(chromium, tmp_path / "profile-dom", "--virtual-time-budget=15000", "--dump-dom", url)
    assert "geladen: 21 indicatoren, peildatum 2025-12-31" in dom, dom[-3000:]
    assert 'data-code="bw-clienten" data-waarde="3"' in dom
    assert 'data-code="meldingen" data-waarde="4"' in dom
    assert "Deventer" in dom and "Zutphen" in dom  # the comparison table
    assert 'data-gebeurtenis="melding-geregistreerd"' in dom  # the journey timeline opened
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / "dashboard.png"
    await run_chromium(
        chromium, tmp_path / "profile-shot", "--virtual-time-budget=15000", "--window-size=1400,1800", f"--screenshot={shot}", url
    )
    assert shot.exists() and shot.stat().st_size > 20_000


async def test_dashboard_without_token_asks_for_one(served_reporting: Any, chromium: str, tmp_path: Any) -> None:
    _, base = served_reporting
    dom = await run_chromium(chromium, tmp_path / "profile", "--virtual-time-budget=5000", "--dump-dom", f"{base}/dashboard/")
    assert "plak een token" in dom


async def test_a_local_team_sees_its_own_municipality_on_the_dashboard(
    served_reporting: Any, chromium: str, auth: Any, tmp_path: Any
) -> None:
    service, base = served_reporting
    await feed(service.container, region_events())
    token = auth("gemeente", "GM0301")["Authorization"].removeprefix("Bearer ")
    query = urlencode({"token": token, "peildatum": "2025-12-31", "gemeente": "GM0301", "indicator": "bw-clienten"})
    dom = await run_chromium(
        chromium, tmp_path / "profile", "--virtual-time-budget=15000", "--dump-dom", f"{base}/dashboard?{query}"
    )
    assert 'data-code="bw-clienten" data-waarde="1"' in dom, dom[-2000:]
    assert "Zutphen (2025-01-01 t/m 2025-12-31" in dom or "GM0301 (2025-01-01 t/m 2025-12-31" in dom
