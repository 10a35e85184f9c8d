"""Empty reporting's store of kept indicator answers (docs/operations.md, "Upgrade"): after a rollout from, or a
rollback to, a release whose pods project events without removing the answers they change.

    python -m reporting.forget_answers [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio

from journey_platform.db import make_engine, make_sessionmaker
from reporting.service_layer.stored_answers import everything_changed
from reporting.settings import ReportingSettings


async def forget(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            await everything_changed(session)
    finally:
        await engine.dispose()


def cli() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="default: REPORTING_DATABASE_URL")
    args = parser.parse_args()
    asyncio.run(forget(args.database_url or ReportingSettings().database_url))
    print("every kept indicator answer removed")


if __name__ == "__main__":
    cli()
