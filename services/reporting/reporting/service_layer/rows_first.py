"""The detail of an indicator with a SQL implementation (sql_indicators.CODES) from the row read models (issue 18
item 1), once they were built from the whole history (`stay_rows.built`), on PostgreSQL; None otherwise, and the
detail endpoint asks the answer store (the fold) as before. Both give the same answer (tests/api/test_stay_rows.py).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.reference import ReferenceData
from reporting.domain.indicators.targets import Doelen
from reporting.service_layer import sql_indicators
from reporting.service_layer.indicator_views import IndicatorDetailView
from reporting.service_layer.indicator_worker import Question
from reporting.service_layer.stay_rows import built


class RowsFirst:
    def __init__(self, doelen: Doelen, reference: ReferenceData) -> None:
        self._doelen, self._reference = doelen, reference

    async def detail(self, session: AsyncSession, question: Question) -> IndicatorDetailView | None:
        code = question.code
        if code not in sql_indicators.CODES or session.get_bind().dialect.name != "postgresql" or not await built(session):
            return None
        assert code is not None
        return await sql_indicators.detail(session, self._doelen, self._reference, code, question.scope, question.window)
