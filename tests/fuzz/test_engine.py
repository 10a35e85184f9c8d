"""The fuzzer itself can fail: against a small app with one defect per route, it reports each of them
(and nothing for the route without one)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI, Query
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel

from journey_platform.web.app import APIVersionMiddleware
from journey_platform.web.openapi import nl_openapi
from journey_platform.web.problems import install_problem_handlers

from .engine import fuzz_app


class Item(BaseModel):
    id: int


def defective_app() -> FastAPI:
    app = FastAPI(title="Defects", version="1.0.0")
    install_problem_handlers(app)
    app.add_middleware(APIVersionMiddleware, version="1.0.0")

    @app.get("/fine", response_model=Item, operation_id="fine")
    async def fine(n: int = Query(0, ge=0, le=9)) -> Item:
        return Item(id=n)

    @app.get("/crash", response_model=Item, operation_id="crash")
    async def crash(n: int = Query(0, ge=0, le=9)) -> Item:
        raise RuntimeError("a server error")

    @app.get("/lies", response_model=Item, operation_id="lies")
    async def lies() -> Any:
        return JSONResponse({"id": "not a number"})

    @app.get("/teapot", response_model=Item, operation_id="teapot")
    async def teapot() -> Any:
        return JSONResponse({"id": 1}, status_code=418)

    @app.get("/plain", response_model=Item, operation_id="plain")
    async def plain() -> Any:
        return PlainTextResponse("1")

    return app


@pytest.mark.fuzz
async def test_the_fuzzer_reports_every_kind_of_defect() -> None:
    app = defective_app()
    findings = await fuzz_app(app, nl_openapi(app), "http://defects", [{}], {}, examples=2)
    failed = {where.split(" (")[0]: what for where, what in findings.failures.items()}
    assert set(failed) == {"GET /crash", "GET /lies", "GET /teapot", "GET /plain"}, findings.report()
    assert "Server error" in failed["GET /crash"]
    assert "schema" in failed["GET /lies"].lower()
    assert "Undocumented status code" in failed["GET /teapot"]
    assert "Undocumented Content-Type" in failed["GET /plain"]
