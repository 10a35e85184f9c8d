"""No answer on any topic, event or webhook: after a client answered, nothing of it is in reporting's outbox, its
public events or deliveries, or any table but the answers' own; and no event contract can carry it."""

from datetime import date
from typing import Any

from sqlalchemy import select

from journey_platform.contracts.versions import readable_types
from journey_platform.testing.plugin import RunningService
from reporting.adapters.orm import Base
from reporting.experience.domain import questionnaire
from reporting.tests_support import Client, feed

STORY = "Mijn-unieke-verhaal-7f3a"


async def test_an_answer_is_in_its_own_table_only(reporting: RunningService, auth: Any) -> None:
    c = Client("GM0193")
    await feed(reporting.container, [c.melding(date(2026, 10, 1))])
    invited = await reporting.client.post(
        f"/v1/trajecten/{c.traject_id}/ervaringsuitnodigingen",
        json={"moment": "na-besluit"},
        headers=auth("gemeente", "GM0193"),
    )
    link = invited.json()["link"]
    form = {"hulp-past": "5", "serieus-genomen": "1", "verhaal": STORY, "toestemming": "ja"}
    assert (await reporting.client.post(link, data=form)).status_code == 200
    async with reporting.container.uow() as uow:
        for table in Base.metadata.sorted_tables:
            rows = (await uow.session.execute(select(table))).all()
            text = repr(rows)
            if table.name == "ervaringsantwoorden":
                assert STORY in text
                continue
            assert STORY not in text and "serieus-genomen" not in text, table.name
            if table.name in ("outbox", "publieke_gebeurtenissen", "afleveringen"):
                assert rows == [], table.name


def test_no_event_contract_has_a_field_for_answers() -> None:
    codes = {s.code.replace("-", "_") for t in questionnaire.load().themas for s in t.stellingen}
    forbidden = codes | {"verhaal", "scores", "ervaring", "antwoorden", "token"}
    for event_type, contract in readable_types().items():
        fields = {name.lower() for name in contract.model_fields}
        assert not fields & forbidden, (event_type, fields & forbidden)
