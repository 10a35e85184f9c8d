"""Client experience without a database: one-time tokens, reading a form, suppression and aggregation."""

from datetime import UTC, datetime, timedelta

import pytest

from journey_platform.errors import InvalidInput
from reporting.experience.domain import questionnaire, tokens
from reporting.experience.domain.aggregate import Antwoord, Cel, cellen, onderdruk_samen
from reporting.experience.domain.questionnaire import Moment
from reporting.experience.domain.tokens import Geldigheid

VL = questionnaire.load()
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def test_a_token_is_random_url_safe_and_stored_only_as_its_hash() -> None:
    a, b = tokens.new_token(), tokens.new_token()
    assert a != b and tokens.well_formed(a) and len(a) == 43
    assert tokens.token_hash(a) == tokens.token_hash(a) and len(tokens.token_hash(a)) == 64 and a not in tokens.token_hash(a)
    assert not tokens.well_formed("../etc/passwd") and not tokens.well_formed(a + "x")


def test_a_link_is_valid_until_it_expires_or_is_used() -> None:
    until = tokens.expiry(NOW, 14)
    assert until == NOW + timedelta(days=14)
    assert tokens.geldigheid(True, until, None, NOW) is Geldigheid.geldig
    assert tokens.geldigheid(True, until, None, until) is Geldigheid.verlopen
    assert tokens.geldigheid(True, until, NOW, NOW) is Geldigheid.gebruikt
    assert tokens.geldigheid(False, None, None, NOW) is Geldigheid.onbekend


def test_the_questionnaire_has_the_wmo_themes_and_every_moment() -> None:
    assert [t.code for t in VL.themas] == ["toegang", "gehoord-worden", "veiligheid", "kwaliteit", "effect"]
    assert set(VL.momenten) == set(Moment)
    assert [o.waarde for o in VL.schaal] == [1, 2, 3, 4, 5]
    asked = {s.code for _, s in VL.stellingen(Moment.na_besluit)}
    assert "veilig-opvang" not in asked and "veilig-opvang" in {s.code for _, s in VL.stellingen(Moment.tijdens_opvang)}


def test_a_form_keeps_answered_statements_and_the_story_only_with_consent() -> None:
    form = {"hulp-past": "4", "meedoen": "", "verhaal": " Goed geholpen. ", "toestemming": "ja"}
    assert questionnaire.read(Moment.na_besluit, form, VL).model_dump() == {
        "scores": {"hulp-past": 4},
        "verhaal": "Goed geholpen.",
    }
    assert questionnaire.read(Moment.na_besluit, {**form, "toestemming": "nee"}, VL).verhaal is None
    assert questionnaire.read(Moment.na_besluit, {"verhaal": "x"}, VL).verhaal is None  # no answer is no consent
    with pytest.raises(InvalidInput) as refused:
        questionnaire.read(Moment.na_besluit, {"hulp-past": "0", "bsn": "1", "verhaal": "x" * 2001}, VL)
    assert {p.name for p in refused.value.invalid_params or []} == {"hulp-past", "bsn", "verhaal"}


THEMAS = ["veiligheid", "kwaliteit"]
THEMA_VAN = {"veilig-gevoeld": "veiligheid", "veilig-opvang": "veiligheid", "hulp-past": "kwaliteit"}


def answers(*scores: dict[str, int]) -> list[Antwoord]:
    return [Antwoord("GM0193", "2026-03", "tijdens-opvang", s) for s in scores]


def test_a_theme_is_counted_per_answer_with_its_mean_and_share_positive() -> None:
    # By hand: theme scores 4.5, 2, 5, 3.5, 4, 1 (the answer with only hulp-past does not count for safety):
    # mean 20/6 = 3.33; positive (>= 4): 4.5, 5, 4 → 3/6 = 0.5. Kwaliteit: 2 answers → suppressed.
    group = answers(
        {"veilig-gevoeld": 4, "veilig-opvang": 5, "hulp-past": 5},
        {"veilig-gevoeld": 2},
        {"veilig-gevoeld": 5, "veilig-opvang": 5},
        {"veilig-gevoeld": 3, "veilig-opvang": 4},
        {"veilig-gevoeld": 4},
        {"hulp-past": 4},
        {"veilig-opvang": 1},
    )
    veiligheid, kwaliteit = cellen(group, THEMAS, THEMA_VAN, 4)
    assert veiligheid == Cel("veiligheid", 6, 3.33, 0.5, onderdrukt=False)
    assert kwaliteit == Cel("kwaliteit", 2, None, None, onderdrukt=True) and kwaliteit.getoond_aantal is None


def test_a_group_of_four_is_suppressed_and_five_is_shown() -> None:
    four = cellen(answers(*[{"veilig-gevoeld": 5}] * 4), ["veiligheid"], THEMA_VAN, 4)
    five = cellen(answers(*[{"veilig-gevoeld": 5}] * 5), ["veiligheid"], THEMA_VAN, 4)
    assert four == [Cel("veiligheid", 4, None, None, onderdrukt=True)]
    assert five == [Cel("veiligheid", 5, 5.0, 1.0, onderdrukt=False)]


def test_one_suppressed_sibling_takes_the_smallest_shown_one_with_it() -> None:
    six, four, five, empty = (
        Cel("v", 6, 4.0, 0.5, False),
        Cel("v", 4, None, None, True),
        Cel("v", 5, 3.8, 0.6, False),
        Cel("v", 0, None, None, True),
    )
    shown = onderdruk_samen([[six], [four], [five], [empty]])
    assert [c[0].onderdrukt for c in shown] == [False, True, True, True]
    assert onderdruk_samen([[six], [empty]]) == [[six], [empty]]  # an empty group hides nothing
    assert onderdruk_samen([[four], [four], [six]]) == [[four], [four], [six]]  # two suppressed: neither is derivable


def test_several_small_suppressed_siblings_together_are_protected_as_one() -> None:
    """Zwolle 12, Kampen 1, Ommen 1 (review of stop 20): the region's total (14) minus Zwolle would give the two
    small groups' 2 answers together, so Zwolle is suppressed too; 4 + 4 hidden already hold 8: nothing more."""
    twelve, one = Cel("v", 12, 3.5, 0.583, False), Cel("v", 1, None, None, True)
    shown = onderdruk_samen([[twelve], [one], [one]])
    assert [c[0].onderdrukt for c in shown] == [True, True, True]
    two, five, seven = Cel("v", 2, None, None, True), Cel("v", 5, 3.0, 0.4, False), Cel("v", 7, 4.0, 0.7, False)
    assert [c[0].onderdrukt for c in onderdruk_samen([[two], [one], [five], [seven]])] == [True, True, True, False]
