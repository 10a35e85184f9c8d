"""Placement's history import (docs/import.md): stays, placements, outflow and the waiting list's leaving, naming the
reports and decisions intake imported by their source ids. A dry run lists every bad row and why and changes nothing;
a real run publishes the live events marked `geimporteerd` with the real moments; a second run doubles nothing."""

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select

from journey_platform.contracts.base import EventContract
from journey_platform.dutch_calendar import NL
from journey_platform.messaging.envelope import IMPORT_SOURCE, IMPORTED, new_event
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import log_rows
from placement.adapters.orm import ImportRegel, Trajectcontrole, Verblijf, WachtlijstAanmelding
from placement.bootstrap import subscription
from placement.import_history import import_lines
from placement.tests_support import INTAKE_SOURCE, decision, outbox_events, report

from .conftest import CT, new_facility

BRON = "ct-iv-2024"


async def _deliver_imported(placement: RunningService, contract: EventContract, key: str) -> None:
    """One of intake's imported events, as placement's consumer gets it (extensions geimporteerd and importbron)."""
    event = new_event(contract, INTAKE_SOURCE).with_extensions({IMPORTED: True, IMPORT_SOURCE: f"{BRON}/{key}"})
    handler = subscription(placement.container.extras["context"]).handlers[event.type]
    async with placement.container.uow() as uow:
        await handler(event, uow)
        await uow.commit()


async def _history(placement: RunningService, auth: Any) -> dict[str, str]:
    """A shelter (Herberg) and a BW home with room; two imported reports (M1, M2) and M2's BW decision (B2), which
    joins the waiting list without an offer (live, a decision with a free place gets one at once)."""
    herberg = await new_facility(placement, auth, capaciteitPlaatsen=5)
    bw = await new_facility(placement, auth, naam="BW Zwolle", type="beschermd-wonen", capaciteitPlaatsen=5)
    m1, m2 = report(), report()
    await _deliver_imported(placement, m1, "melding/M1")
    await _deliver_imported(placement, m2, "melding/M2")
    await _deliver_imported(placement, decision(m2, besluit_datum=date(2023, 2, 1)), "beschikking/B2")
    return {"herberg": herberg["id"], "bw": bw["id"]}


def _good(f: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"regelsoort": "wachtlijst", "bronId": "W2", "beschikking": "B2"},
        {"regelsoort": "opname", "bronId": "V1", "melding": "M1", "voorzieningId": f["herberg"], "opgenomenOp": "2023-03-01"},
        {
            "regelsoort": "uitstroom",
            "bronId": "U1",
            "verblijf": "V1",
            "uitgestroomdOp": "2023-04-01T10:00:00+02:00",
            "bestemming": "familie-of-vrienden",
        },
        {
            "regelsoort": "plaatsing",
            "bronId": "V2",
            "melding": "M2",
            "voorzieningId": f["bw"],
            "geplaatstOp": "2023-06-01",
            "beschikking": "B2",
        },
    ]


def _bad(f: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"regelsoort": "opname", "bronId": "X1", "melding": "M404", "voorzieningId": f["herberg"], "opgenomenOp": "2023-03-01"},
        {"regelsoort": "opname", "bronId": "X2", "melding": "M1", "voorzieningId": f["herberg"]},  # no moment
        {"regelsoort": "opname", "bronId": "X3", "melding": "M1", "voorzieningId": f["herberg"], "opgenomenOp": "2099-01-01"},
        {"regelsoort": "uitstroom", "bronId": "X4", "verblijf": "V1", "uitgestroomdOp": "2023-02-01", "bestemming": "straat"},
        {"regelsoort": "wachtlijst", "bronId": "X5", "beschikking": "B404", "verlatenOp": "2023-03-01"},
        {"regelsoort": "verhuizing", "bronId": "X6"},
        {
            "regelsoort": "uitstroom",
            "bronId": "X7",
            "verblijf": "V1",
            "uitgestroomdOp": "2023-02-01",
            "bestemming": "familie-of-vrienden",
        },
    ]


def _lines(rows: list[dict[str, Any]]) -> list[str]:
    return [json.dumps(r) for r in rows] + ["{not json"]


async def _count(placement: RunningService, model: Any) -> int:
    async with placement.container.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_dry_run_lists_every_bad_row_and_why_and_changes_nothing(placement: RunningService, auth: Any) -> None:
    f = await _history(placement, auth)
    before = len(await outbox_events(placement))
    rows = _good(f) + _bad(f)
    result = await import_lines(placement.container, _lines(rows), dry_run=True, door="CT-IJSSEL-VECHT", bron=BRON)

    assert result.imported == {"opname": 1, "plaatsing": 1, "uitstroom": 1, "wachtlijst": 1, "uitstroomgereed": 0}
    reasons = {r.bron_id: (r.velden, r.reden) for r in result.refused}
    assert reasons["X1"][0] == ["melding"] and "run intake's import first" in reasons["X1"][1]
    assert reasons["X2"] == (["opgenomenOp"], "opgenomenOp: required in an import (the fact's real moment)")
    assert reasons["X3"][0] == ["opgenomenOp"]  # in the future: refused by the live rule
    assert reasons["X4"][0] == ["bestemming"]  # not a destination
    assert reasons["X5"][0] == ["verlatenOp", "redenCode"]  # a leaving needs both
    assert reasons["X6"][0] == ["regelsoort"]
    assert "this stay is uitgestroomd" in reasons["X7"][1]  # V1 already left (row 3), seen within the dry run
    assert [r.regel for r in result.refused][-1] == len(rows) + 1 and result.refused[-1].reden.startswith("not JSON")
    # nothing stayed behind: no stay, no key of its own, no event
    assert await _count(placement, Verblijf) == 0
    assert await _count(placement, ImportRegel) == 3  # only the consumer's keys of M1, M2 and B2
    assert len(await outbox_events(placement)) == before


async def test_a_real_run_publishes_the_live_events_marked_imported_once(placement: RunningService, auth: Any) -> None:
    f = await _history(placement, auth)
    before = len(await outbox_events(placement))
    result = await import_lines(placement.container, _lines(_good(f)), dry_run=False, door="CT-IJSSEL-VECHT", bron=BRON)
    assert result.imported == {"opname": 1, "plaatsing": 1, "uitstroom": 1, "wachtlijst": 1, "uitstroomgereed": 0}
    assert [r.reden[:8] for r in result.refused] == ["not JSON"]

    events = (await outbox_events(placement))[before:]
    assert [e["type"].split(".")[-2] for e in events] == [
        "opname-geregistreerd",
        "uitgestroomd",
        "plaatsing-gerealiseerd",
        "wachtlijst-verlaten",
    ]
    assert all(e["geimporteerd"] is True for e in events)
    assert [e["importbron"] for e in events] == [
        f"{BRON}/opname/V1",
        f"{BRON}/uitstroom/U1",
        f"{BRON}/plaatsing/V2",
        f"{BRON}/plaatsing/V2",
    ]
    opname, uit, plaatsing, verlaten = (e["data"] for e in events)
    assert datetime.fromisoformat(opname["opgenomenOp"]) == datetime(2023, 3, 1, 12, 0, tzinfo=NL)  # a date: 12:00 Dutch
    assert datetime.fromisoformat(uit["uitgestroomdOp"]) == datetime(2023, 4, 1, 8, 0, tzinfo=UTC)
    assert plaatsing["vanWachtlijst"] is True
    # the entry B2's decision opened on 1-2-2023 (waiting from the decision) left on 1-6-2023: 120 days
    assert verlaten["redenCode"] == "geplaatst" and verlaten["wachttijdDagen"] == 120
    async with placement.container.engine.connect() as conn:
        assert list(await conn.scalars(select(WachtlijstAanmelding.status))) == ["geplaatst"]
    # a history decision gets no offer (the BW home had room all along)
    assert not [e for e in await outbox_events(placement) if "aanbod" in e["type"]]
    # nor a check-in planned from its historic placement (overdue at once): central access plans one for current clients
    assert await _count(placement, Trajectcontrole) == 0

    again = await import_lines(placement.container, _lines(_good(f)), dry_run=False, door="CT-IJSSEL-VECHT", bron=BRON)
    assert (
        again.imported == {"opname": 0, "plaatsing": 0, "uitstroom": 0, "wachtlijst": 0, "uitstroomgereed": 0}
        and again.skipped == 4
    )
    assert len(await outbox_events(placement)) == before + 4
    assert await _count(placement, WachtlijstAanmelding) == 1

    # the processing log names the import, the operator and the command line
    rows = await log_rows(placement, verwerkingsactiviteit="historie-importeren")
    assert rows and {r["actor"] for r in rows} == {"import:beheer"}
    assert all(r["methode"] == "IMPORT" and r["route"] == "placement.import_history" for r in rows)


async def test_the_api_imports_for_central_access_only(placement: RunningService, auth: Any) -> None:
    f = await _history(placement, auth)
    body = {"bron": BRON, "regels": _good(f)[:2]}
    refused = await placement.client.post("/v1/historie-importen", json=body, headers=auth("gemeente", "GM0193"))
    assert refused.status_code == 403
    dry = await placement.client.post("/v1/historie-importen?droogloop=true", json=body, headers=auth(*CT))
    assert dry.status_code == 200, dry.text
    assert dry.json()["droogloop"] is True and dry.json()["geimporteerd"]["opname"] == 1
    assert await _count(placement, Verblijf) == 0
    real = await placement.client.post("/v1/historie-importen", json=body, headers=auth(*CT))
    assert real.json()["geimporteerd"] == {"opname": 1, "plaatsing": 0, "uitstroom": 0, "wachtlijst": 1, "uitstroomgereed": 0}
    assert real.json()["geweigerd"] == []
    other = {"bron": BRON, "regels": [{**_good(f)[1], "bronId": "V9", "melding": "M2"}]}
    wrong = await placement.client.post("/v1/historie-importen", json=other, headers=auth("centrale-toegang", "CT-MIDDEN-IJSSEL"))
    assert wrong.status_code == 200 and wrong.json()["geweigerd"][0]["reden"].startswith("Forbidden")
