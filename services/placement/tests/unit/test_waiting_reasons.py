"""Why a client still waits: each rule, with hand-made facilities."""

from placement.domain.facilities import ClientNeeds, FacilityProfile
from placement.domain.waiting_reasons import Place, why_waiting

PLAIN = FacilityProfile("beschermd-wonen", "ijssel-vecht", frozenset(), pets_allowed=False, wheelchair_accessible=False)
SAFE_FOR_WOMEN = FacilityProfile("beschermd-wonen", "ijssel-vecht", frozenset({"vrouwen"}), False, False)
ANYONE = ClientNeeds(frozenset())
WOMAN = ClientNeeds(frozenset({"vrouw"}))


def test_no_facility_open() -> None:
    assert why_waiting("beschermd-wonen", [], ANYONE, 0).code == "geen-voorziening"


def test_every_place_taken() -> None:
    places = [Place("A", PLAIN, 0), Place("B", PLAIN, 0)]
    reason = why_waiting("beschermd-wonen", places, ANYONE, 0)
    assert reason.code == "geen-vrije-plaats" and "2 voorziening" in reason.toelichting


def test_a_free_place_that_does_not_suit() -> None:
    reason = why_waiting("beschermd-wonen", [Place("A", PLAIN, 1)], WOMAN, 0)
    assert reason.code == "geen-passende-vrije-plaats" and "A: niet veilig voor vrouwen" in reason.toelichting
    pets = ClientNeeds(frozenset({"huisdieren"}))
    assert "geen huisdieren toegestaan" in why_waiting("beschermd-wonen", [Place("A", PLAIN, 1)], pets, 0).toelichting
    wheelchair = ClientNeeds(frozenset(), wheelchair=True)
    assert "niet rolstoeltoegankelijk" in why_waiting("beschermd-wonen", [Place("A", PLAIN, 1)], wheelchair, 0).toelichting


def test_others_come_first_while_they_fill_the_suitable_places() -> None:
    places = [Place("A", PLAIN, 1), Place("B", SAFE_FOR_WOMEN, 1)]
    assert why_waiting("beschermd-wonen", places, WOMAN, 1).code == "anderen-gaan-voor"  # 1 suitable place, 1 ahead
    assert why_waiting("beschermd-wonen", places, ANYONE, 2).code == "anderen-gaan-voor"  # 2 places, 2 ahead
    assert why_waiting("beschermd-wonen", places, ANYONE, 1).code == "aanbod-volgt"
