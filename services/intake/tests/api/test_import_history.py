"""The history import (docs/import.md): a small synthetic file, a dry run that lists every bad row and changes
nothing, a real run that publishes the live events marked `geimporteerd`, and a second run that doubles nothing."""

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from intake.adapters.orm import ImportRegel, Melding, Persoon
from intake.import_history import import_lines
from intake.service_layer.decision_term import signaleer_termijnen
from intake.tests_support import outbox_events
from journey_platform.db import utcnow
from journey_platform.dutch_calendar import dutch_date
from journey_platform.testing.plugin import RunningService
from journey_platform.testing.processing_log import log_rows

MELDING = {"melderType": "politie", "situatie": "dakloos", "gemeenteMelding": "GM0193"}
GOOD = [
    {"regelsoort": "persoon", "bronId": "P1", "bsn": "111222333", "achternaam": "Jansen", "geboortedatum": "1970-01-01"},
    {"regelsoort": "persoon", "bronId": "P2", "achternaam": "Zonder-Bsn", "geboortedatum": "1985-05-05"},
    {"regelsoort": "melding", "bronId": "M1", "persoon": "P1", "meldDatum": "2023-03-01", **MELDING},
    {
        "regelsoort": "beschikking",
        "bronId": "B1",
        "melding": "M1",
        "besluit": "toekenning",
        "voorziening": "mo",
        "soort": "nieuw",
        "geldigVan": "2023-03-20",
        "besluitDatum": "2023-03-20",
    },
    {"regelsoort": "melding", "bronId": "M2", "persoon": "P2", "meldDatum": "2023-06-10", **MELDING},
    {"regelsoort": "melding", "bronId": "M3", "persoon": "P2", "meldDatum": "2023-07-01", **MELDING},
]
BAD: list[dict[str, Any]] = [
    {"regelsoort": "melding", "bronId": "M8", "persoon": "P9", "meldDatum": "2023-03-01", **MELDING},
    {"regelsoort": "melding", "bronId": "M9", "persoon": "P1", "meldDatum": "2023-03-01", **MELDING, "gemeenteMelding": "GM9999"},
    {
        "regelsoort": "beschikking",
        "bronId": "B9",
        "melding": "M404",
        "besluit": "geen-ondersteuning",
        "besluitDatum": "2023-04-01",
    },
    {
        "regelsoort": "beschikking",
        "bronId": "B8",
        "melding": "M2",
        "besluit": "geen-ondersteuning",
        "redenCode": "zelfredzaam",
        "besluitDatum": "2023-06-01",  # before the report of 2023-06-10
    },
    {"regelsoort": "melding", "bronId": "M7", "persoon": "P1", **MELDING},  # no meldDatum
    {"regelsoort": "melding", "bronId": "M6", "persoon": "P1", "meldDatum": None, **MELDING},
    {"regelsoort": "beschikking", "bronId": "B7", "melding": "M1", "besluit": "geen-ondersteuning", "besluitDatum": None},
]


def _lines(rows: list[dict[str, Any]]) -> list[str]:
    return [json.dumps(r) for r in rows]


async def _count(intake: RunningService, model: Any) -> int:
    async with intake.container.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model))).scalar_one())


async def test_a_dry_run_lists_every_refused_row_and_why_and_changes_nothing(intake: RunningService) -> None:
    lines = _lines(GOOD[:5]) + ["dit is geen json"] + _lines(BAD)
    report = await import_lines(intake.container, lines, dry_run=True, door="CT-IJSSEL-VECHT")
    assert report.imported == {"persoon": 2, "melding": 2, "beschikking": 1}
    refused = {(r.regel, r.bron_id): (r.velden, r.reden) for r in report.refused}
    assert list(refused) == [(6, None), (7, "M8"), (8, "M9"), (9, "B9"), (10, "B8"), (11, "M7"), (12, "M6"), (13, "B7")]
    assert refused[(7, "M8")][0] == ["persoon"]
    assert refused[(8, "M9")][0] == ["gemeenteMelding"]
    assert refused[(9, "B9")][0] == ["melding"]
    assert refused[(10, "B8")][0] == ["besluitDatum"] and "before the report" in refused[(10, "B8")][1]
    assert refused[(11, "M7")][0] == ["meldDatum"] and refused[(12, "M6")][0] == ["meldDatum"]  # null: refused, not a 500
    assert refused[(13, "B7")][0] == ["besluitDatum"]
    assert "regel 6" in report.summary() and "geweigerd: regel 10 beschikking B8" in report.summary()
    # nothing stays behind: no report, no key, no event
    assert await _count(intake, Melding) == 0 and await _count(intake, ImportRegel) == 0
    assert await outbox_events(intake) == []


async def test_importing_twice_doubles_nothing_and_publishes_the_live_events_marked_imported(intake: RunningService) -> None:
    first = await import_lines(intake.container, _lines(GOOD), dry_run=False, door="CT-IJSSEL-VECHT")
    assert first.refused == [] and first.imported == {"persoon": 2, "melding": 3, "beschikking": 1}
    events = await outbox_events(intake)
    second = await import_lines(intake.container, _lines(GOOD), dry_run=False, door="CT-IJSSEL-VECHT")
    assert second.refused == [] and second.skipped == 4 and second.imported == {"persoon": 2, "melding": 0, "beschikking": 0}
    assert len(await outbox_events(intake)) == len(events)
    assert await _count(intake, Melding) == 3 and await _count(intake, Persoon) == 2

    by_type: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        by_type.setdefault(e["type"].split(".")[-2], []).append(e)
    assert all(e.get("geimporteerd") is True for e in events)
    assert [e["data"]["meldDatum"] for e in by_type["melding-geregistreerd"]] == ["2023-03-01", "2023-06-10", "2023-07-01"]
    assert by_type["melding-geregistreerd"][0]["data"]["gemeldOp"][:10] == "2023-03-01"  # as of its real moment
    [besluit] = by_type["beschikking-afgegeven"]
    assert besluit["data"]["besluitDatum"] == "2023-03-20" and besluit["data"]["binnenTermijn"] is True
    # the person without a BSN is one pseudonymised person, whose two reports share the open journey
    m2, m3 = by_type["melding-geregistreerd"][1:]
    assert m2["data"]["clientId"] == m3["data"]["clientId"] and m2["subject"] == m3["subject"]

    # the processing log names the import as the activity, the operator as the actor
    rows = await log_rows(intake, verwerkingsactiviteit="historie-importeren", handeling="aanmaken")
    assert {r["actor"] for r in rows} == {"import:beheer"} and {r["organisatie_id"] for r in rows} == {"CT-IJSSEL-VECHT"}
    assert len({r["betrokkene"] for r in rows}) == 2  # two persons
    assert all(r["methode"] == "IMPORT" and r["route"] == "intake.import_history" for r in rows)


async def test_the_api_imports_for_central_access_only_and_a_dry_run_changes_nothing(intake: RunningService, auth: Any) -> None:
    body = {"bron": "ct-iv", "regels": [*GOOD[:3], BAD[1]]}
    refused = await intake.client.post("/v1/historie-importen", json=body, headers=auth("gemeente", "GM0193"))
    assert refused.status_code == 403 and refused.headers["content-type"].startswith("application/problem+json")
    dry = await intake.client.post("/v1/historie-importen", params={"droogloop": "true"}, json=body, headers=auth())
    assert dry.status_code == 200, dry.text
    assert dry.json()["geimporteerd"] == {"persoon": 2, "melding": 1, "beschikking": 0}
    assert [(r["regel"], r["bronId"], r["velden"]) for r in dry.json()["geweigerd"]] == [(4, "M9", ["gemeenteMelding"])]
    assert await _count(intake, Melding) == 0
    for _ in range(2):
        real = await intake.client.post("/v1/historie-importen", json=body, headers=auth(subject="medewerker-3"))
        assert real.status_code == 200, real.text
    assert real.json()["alEerderGeimporteerd"] == 1 and real.json()["geimporteerd"]["melding"] == 0
    assert await _count(intake, Melding) == 1
    rows = await log_rows(intake, verwerkingsactiviteit="historie-importeren", handeling="aanmaken")
    assert {r["route"] for r in rows} == {"/v1/historie-importen"}
    # the real run's rows name who imported; the dry run processed the rows too and is logged as well (another actor)
    assert len([r for r in rows if r["actor"] == "medewerker-3"]) == 1  # P1, the person of M1 (P2 has no report)


async def test_a_term_that_passed_in_the_source_raises_no_live_alarm(intake: RunningService) -> None:
    recent = dutch_date(utcnow()) - timedelta(days=2)
    rows = [*GOOD[:2], GOOD[4], {"regelsoort": "melding", "bronId": "M4", "persoon": "P1", "meldDatum": str(recent), **MELDING}]
    report = await import_lines(intake.container, _lines(rows), dry_run=False, door="CT-IJSSEL-VECHT")
    assert report.refused == []
    async with intake.container.uow() as uow:
        signals = {m.meld_datum.isoformat(): m.termijnsignaal for m in await uow.session.scalars(select(Melding))}
    assert signals == {"2023-06-10": "verstreken", str(recent): "geen"}  # M2's term ran in the source; M4's runs here
    before = len(await outbox_events(intake))
    async with intake.container.uow() as uow:
        assert await signaleer_termijnen(uow, recent + timedelta(weeks=8, days=1)) == 1  # only M4, when its term passes
    assert len(await outbox_events(intake)) == before + 1


async def test_a_later_run_names_a_person_imported_before_by_its_source_id(intake: RunningService) -> None:
    """docs/import.md: later reports of a person are found "in this or a later run" (the API takes at most 1,000 rows a
    request); a person never imported is still refused."""
    await import_lines(intake.container, _lines(GOOD[:3]), dry_run=False, door="CT-IJSSEL-VECHT")
    later = {"regelsoort": "melding", "bronId": "M5", "persoon": "P1", "meldDatum": "2023-09-01", **MELDING}
    unknown = {**later, "bronId": "M6", "persoon": "P7"}
    report = await import_lines(intake.container, _lines([later, unknown]), dry_run=False, door="CT-IJSSEL-VECHT")
    assert report.imported["melding"] == 1 and [(r.bron_id, r.velden) for r in report.refused] == [("M6", ["persoon"])]
    async with intake.container.uow() as uow:
        assert len(set(await uow.session.scalars(select(Melding.persoon_id)))) == 1  # both reports: the one person P1
