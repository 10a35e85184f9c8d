from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from reporting.experience.service_layer.invitations import ExperienceContext


async def get_experience(request: Request) -> ExperienceContext:
    return request.app.state.container.extras["experience"]  # type: ignore[no-any-return]  # Starlette's app.state is untyped


ExperienceDep = Annotated[ExperienceContext, Depends(get_experience)]
