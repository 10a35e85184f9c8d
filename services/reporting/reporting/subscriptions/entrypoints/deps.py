from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path, Request

from reporting.subscriptions.service_layer.abonnementen import SubscriptionContext


async def get_context(request: Request) -> SubscriptionContext:
    return request.app.state.container.extras["subscriptions"]  # type: ignore[no-any-return]  # Starlette's app.state is untyped


ContextDep = Annotated[SubscriptionContext, Depends(get_context)]
AbonnementId = Annotated[uuid.UUID, Path(alias="abonnementId")]
AfleveringId = Annotated[uuid.UUID, Path(alias="afleveringId")]
