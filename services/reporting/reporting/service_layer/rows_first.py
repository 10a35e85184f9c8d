"""The detail of an indicator with a SQL implementation (sql_indicators.CODES) from the row read models (issue 18
item 1), once they were built from the whole history (`stay_rows.built`), on PostgreSQL; every other question (and
that one elsewhere) goes to the answer store (the fold) as before. Both give the same answer
(tests/api/test_stay_rows.py). The one place the indicator endpoints ask (`ask`).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from journey_platform.reference import ReferenceData
from reporting.domain.indicators.targets import Doelen
from reporting.service_layer import sql_indicators
from reporting.service_layer.indicator_views import IndicatorDetailView, IndicatorView
from reporting.service_layer.indicator_worker import Question
from reporting.service_layer.stay_rows import built
from reporting.service_layer.stored_answers import StoredAnswers


class RowsFirst:
    def __init__(self, doelen: Doelen, reference: ReferenceData, answers: StoredAnswers) -> None:
        self._doelen, self._reference, self._answers = doelen, reference, answers

    async def ask(self, session: AsyncSession, question: Question) -> list[IndicatorView] | IndicatorDetailView:
        """The answer to `question`: from SQL where `detail` can give it, else from the answer store."""
        return await self.detail(session, question) or await self._answers.ask(session, question)

    async def detail(self, session: AsyncSession, question: Question) -> IndicatorDetailView | None:
        code = question.code
        if code not in sql_indicators.CODES or session.get_bind().dialect.name != "postgresql" or not await built(session):
            return None
        assert code is not None
        return await sql_indicators.detail(session, self._doelen, self._reference, code, question.scope, question.window)
