"""The client's pages: GET shows the questionnaire, POST (a form) stores the answers; no login, the one-time link
is the key. Not in the OpenAPI document: they are web pages for a person, not API operations (docs/experience.md)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from journey_platform.errors import InvalidInput
from journey_platform.web.deps import UowDep
from reporting.experience.domain.tokens import Geldigheid
from reporting.experience.entrypoints import html
from reporting.experience.entrypoints.deps import ExperienceDep
from reporting.experience.service_layer import invitations

router = APIRouter(include_in_schema=False)

# Only its own stylesheet; the form posts to itself; nothing may frame it; no referrer leaks the link.
PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
HEADERS = {"Content-Security-Policy": PAGE_CSP, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
CSS = (Path(__file__).resolve().parent / "vragenlijst.css").read_text(encoding="utf-8")
STATUS = {Geldigheid.onbekend: 404, Geldigheid.verlopen: 410, Geldigheid.gebruikt: 410}


def _page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


@router.get("/vragenlijst.css")
async def stylesheet() -> Response:
    return Response(CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/vragenlijst/{token}")
async def vragenlijst(token: str, uow: UowDep, ctx: ExperienceDep) -> HTMLResponse:
    state, moment = await invitations.open_link(token, uow)
    if state is not Geldigheid.geldig or moment is None:
        return _page(html.melding(state.value), STATUS[state])
    return _page(html.formulier(ctx.vragenlijst, moment))


@router.post("/vragenlijst/{token}")
async def beantwoord(token: str, request: Request, uow: UowDep, ctx: ExperienceDep) -> HTMLResponse:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise InvalidInput.field("body", "send the form as application/x-www-form-urlencoded", "media-type")
    try:
        form = dict(parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True, strict_parsing=False))
    except UnicodeDecodeError as exc:
        raise InvalidInput.field("body", "the form is not UTF-8", "encoding") from exc
    state = await invitations.beantwoord(token, form, uow, ctx)
    if state is not Geldigheid.geldig:
        return _page(html.melding(state.value), STATUS[state])
    return _page(html.bedankt())
