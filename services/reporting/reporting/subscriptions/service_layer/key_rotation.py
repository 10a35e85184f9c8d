"""Re-sealing subscribers' secrets with the first key of REPORTING_SUBSCRIPTION_SECRET_KEYS.

Rotation: put the new key first and keep the old one behind it, roll out, run
`opvangketen-ops rotate-subscription-secrets`, then drop the old key.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from reporting.subscriptions.adapters.orm import Abonnement
from reporting.subscriptions.adapters.sealing import SecretSeal


@dataclass
class ResealReport:
    scanned: int = 0
    resealed: int = 0


async def reseal_subscription_secrets(sessionmaker: async_sessionmaker[AsyncSession], seal: SecretSeal) -> ResealReport:
    """One transaction, rows locked: subscriptions are few (one per organisation and callback)."""
    report = ResealReport()
    async with sessionmaker() as session, session.begin():
        for abonnement in (await session.scalars(select(Abonnement).with_for_update())).all():
            report.scanned += 1
            auth, geheim = seal.reseal(abonnement.auth_versleuteld), seal.reseal(abonnement.geheim_versleuteld)
            if auth or geheim:
                abonnement.auth_versleuteld = auth or abonnement.auth_versleuteld
                abonnement.geheim_versleuteld = geheim or abonnement.geheim_versleuteld
                report.resealed += 1
    return report
