"""The rows of placement's history import (service_layer/history_import.py): one model per kind, and `parse`, which
refuses a row naming every bad field (the dry run's reasons)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from journey_platform.contracts.placement import Bestemming
from journey_platform.history_import import RowRefused, noon_dates, validation_refusal
from placement.service_layer import commands as c

KINDS = ("opname", "plaatsing", "uitstroom", "wachtlijst", "uitstroomgereed")


class _Regel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    regelsoort: str
    bron_id: str = Field(min_length=1, max_length=100)


class OpnameRegel(_Regel):
    """An admission to a shelter (`POST /v1/opnames`)."""

    regelsoort: Literal["opname"]
    melding: str = Field(min_length=1, max_length=100, description="bronId of the report intake imported: its journey.")
    voorziening_id: uuid.UUID
    opgenomen_op: datetime = Field(description="Required: the admission's real moment (a date is 12:00 Dutch time).")
    bed_en_break: bool = False


class PlaatsingRegel(_Regel):
    """A placement (`POST /v1/plaatsingen`): from the waiting list when `beschikking` names the decision that opened
    the entry, else directly; a client still in another facility is transferred."""

    regelsoort: Literal["plaatsing"]
    melding: str = Field(min_length=1, max_length=100)
    voorziening_id: uuid.UUID
    geplaatst_op: datetime
    beschikking: str | None = Field(None, min_length=1, max_length=100)


class UitstroomRegel(_Regel):
    """Leaving a stay (`POST /v1/verblijven/{id}/uitstroom`); `verblijf` is the bronId of its opname or plaatsing row."""

    regelsoort: Literal["uitstroom"]
    verblijf: str = Field(min_length=1, max_length=100)
    uitgestroomd_op: datetime
    bestemming: Bestemming
    naar_gemeente: str | None = Field(None, pattern=r"^GM\d{4}$")
    reden_code: c.RedenUitstroom | None = None


class WachtlijstRegel(_Regel):
    """The waiting-list entry a BW or beschut wonen decision opened (`beschikking`, its bronId), and when and why it
    was left other than by a placement (`POST /v1/wachtlijst-aanmeldingen/{id}/afmelding`); without `verlatenOp` still waiting."""

    regelsoort: Literal["wachtlijst"]
    beschikking: str = Field(min_length=1, max_length=100)
    verlaten_op: datetime | None = None
    reden_code: c.RedenAfmelding | None = None


class UitstroomgereedRegel(_Regel):
    """Ready to leave (`POST /v1/verblijven/{id}/uitstroomgereed-verklaring`): `verblijf` is the bronId of the stay's
    opname or plaatsing row; the client's housing wishes are the live command's fields (`wensen` after parsing)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")

    regelsoort: Literal["uitstroomgereed"]
    verblijf: str = Field(min_length=1, max_length=100)
    verklaard_op: datetime


MODELS: dict[str, type[_Regel]] = {
    "opname": OpnameRegel,
    "plaatsing": PlaatsingRegel,
    "uitstroom": UitstroomRegel,
    "wachtlijst": WachtlijstRegel,
    "uitstroomgereed": UitstroomgereedRegel,
}
MOMENTS = ("opgenomenOp", "geplaatstOp", "uitgestroomdOp", "verlatenOp", "verklaardOp")


def parse(row: dict[str, Any]) -> _Regel:
    """The row as its model; a refusal naming every bad field (the dry run's reasons)."""
    kind = row.get("regelsoort")
    model = MODELS.get(str(kind))
    if model is None:
        raise RowRefused(f"regelsoort: one of {', '.join(KINDS)} (got {kind!r})", ["regelsoort"])
    if "bronId" not in row:
        raise RowRefused("bronId: required", ["bronId"])
    fields = noon_dates(row, MOMENTS)  # a date alone is 12:00 Dutch time that day
    required = {
        "opname": "opgenomenOp",
        "plaatsing": "geplaatstOp",
        "uitstroom": "uitgestroomdOp",
        "uitstroomgereed": "verklaardOp",
    }.get(str(kind))
    if required and fields.get(required) is None:
        raise RowRefused(f"{required}: required in an import (the fact's real moment)", [required])
    try:
        regel = model.model_validate(fields)
    except ValidationError as exc:
        raise validation_refusal(exc) from exc
    if isinstance(regel, UitstroomgereedRegel):
        wishes = {k: v for k, v in fields.items() if k not in ("regelsoort", "bronId", "verblijf")}
        try:
            c.VerklaarUitstroomgereed.model_validate(wishes)
        except ValidationError as exc:
            raise validation_refusal(exc) from exc
    if isinstance(regel, WachtlijstRegel) and (regel.verlaten_op is None) != (regel.reden_code is None):
        raise RowRefused("verlatenOp and redenCode: give both (left) or neither (still waiting)", ["verlatenOp", "redenCode"])
    return regel
