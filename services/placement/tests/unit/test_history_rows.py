"""The history import's row validation (docs/import.md): each refusal names the fields and says why, before any
handler runs (placement.service_layer.history_import.parse)."""

from datetime import datetime
from typing import Any

import pytest

from journey_platform.dutch_calendar import NL
from journey_platform.history_import import RowRefused
from placement.service_layer.history_import import OpnameRegel, UitstroomRegel, WachtlijstRegel, parse

FACILITY = "5d0f3c56-7a43-4d8e-9b0a-6f1f4a6c1e20"


def refused(row: dict[str, Any]) -> RowRefused:
    with pytest.raises(RowRefused) as caught:
        parse(row)
    return caught.value


def test_a_date_is_noon_dutch_time_and_a_moment_keeps_its_timezone() -> None:
    row = parse({"regelsoort": "opname", "bronId": "V1", "melding": "M1", "voorzieningId": FACILITY, "opgenomenOp": "2023-12-31"})
    assert isinstance(row, OpnameRegel) and row.opgenomen_op == datetime(2023, 12, 31, 12, 0, tzinfo=NL)
    row = parse(
        {
            "regelsoort": "uitstroom",
            "bronId": "U1",
            "verblijf": "V1",
            "uitgestroomdOp": "2023-12-31T23:30:00+01:00",
            "bestemming": "eigen-woning",
        }
    )
    assert isinstance(row, UitstroomRegel) and row.uitgestroomd_op == datetime(2023, 12, 31, 23, 30, tzinfo=NL)


def test_every_kind_names_its_bad_fields() -> None:
    assert refused({"regelsoort": "verhuizing", "bronId": "X"}).fields == ["regelsoort"]
    assert refused({"regelsoort": "opname", "melding": "M1"}).fields == ["bronId"]
    no_moment = refused({"regelsoort": "plaatsing", "bronId": "V2", "melding": "M1", "voorzieningId": FACILITY})
    assert no_moment.fields == ["geplaatstOp"] and "required in an import" in no_moment.reason
    bad = refused({"regelsoort": "opname", "bronId": "V1", "melding": "M1", "voorzieningId": "H", "opgenomenOp": "2023-02-30"})
    assert bad.fields == ["voorzieningId", "opgenomenOp"]  # not a uuid; not a day
    assert refused(
        {
            "regelsoort": "opname",
            "bronId": "V1",
            "melding": "M1",
            "voorzieningId": FACILITY,
            "opgenomenOp": "2023-01-01",
            "extra": 1,
        }
    ).fields == ["extra"]
    assert refused(
        {"regelsoort": "uitstroom", "bronId": "U1", "verblijf": "V1", "uitgestroomdOp": "2023-01-01", "bestemming": "straat"}
    ).fields == ["bestemming"]


def test_a_waiting_list_row_is_left_with_a_moment_and_a_reason_or_still_waiting() -> None:
    waiting = parse({"regelsoort": "wachtlijst", "bronId": "W1", "beschikking": "B1"})
    assert isinstance(waiting, WachtlijstRegel) and waiting.verlaten_op is None
    assert refused({"regelsoort": "wachtlijst", "bronId": "W1", "beschikking": "B1", "redenCode": "ingetrokken"}).fields == [
        "verlatenOp",
        "redenCode",
    ]
    assert refused(
        {"regelsoort": "wachtlijst", "bronId": "W1", "beschikking": "B1", "verlatenOp": "2023-01-01", "redenCode": "geplaatst"}
    ).fields == ["redenCode"]  # a placement row takes an entry off as placed


def test_a_ready_to_leave_row_is_checked_as_the_live_declaration() -> None:
    row = {"regelsoort": "uitstroomgereed", "bronId": "R1", "verblijf": "V1", "verklaardOp": "2023-05-01"}
    assert refused(row).fields == ["huishoudenGrootte", "maxHuur"]  # the live command's required fields
    assert refused({**row, "huishoudenGrootte": 1, "maxHuur": 0}).fields == ["maxHuur"]
    assert parse({**row, "huishoudenGrootte": 1, "maxHuur": 750}).regelsoort == "uitstroomgereed"
