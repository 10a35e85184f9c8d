"""When two records are one person: normalisation of names and the three-field rule (issue 13, item 1)."""

from datetime import date

import pytest

from intake.domain.identity import (
    Field,
    Identity,
    Verdict,
    compare,
    first_names_match,
    is_initials,
    plain,
    surname_core,
    surname_key,
)

BORN = date(1980, 4, 1)


@pytest.mark.parametrize(
    "written",
    [
        "van der Berg",
        "Van der Berg",
        "VAN DER BERG",
        "Vanderberg",
        "VanDerBerg",
        "Berg, van der",
        "Berg van der",
        "  van  der   Berg ",
    ],
)
def test_a_surname_with_tussenvoegsels_apart_attached_or_after_is_one_surname(written: str) -> None:
    assert surname_key(written) == "vanderberg"


def test_a_surname_without_its_tussenvoegsels_is_another_surname_with_the_same_core() -> None:
    assert surname_key("Berg") != surname_key("van der Berg")
    assert surname_core("Berg") == surname_core("van der Berg") == surname_core("Berg, van der") == "berg"
    assert surname_key("van den Berg") != surname_key("van der Berg")


def test_a_surname_that_begins_like_a_tussenvoegsel_keeps_its_letters() -> None:
    assert surname_key("Dekker") == surname_core("Dekker") == "dekker"
    assert surname_key("Vandenbroucke") == "vandenbroucke"
    assert surname_core("de Vries") == "vries" and surname_key("DeVries") == surname_key("de Vries") == "devries"


def test_apostrophes_and_diacritics_do_not_count() -> None:
    assert surname_key("'t Hart") == surname_key("Hart, ’t") == surname_key("t Hart") == "thart"
    assert surname_key("d'Hondt") == surname_key("D’hondt") == "dhondt"
    assert surname_key("Çelik") == surname_key("Celik")
    assert plain("Zoë  ÖZTÜRK") == "zoe ozturk"
    assert first_names_match("Zoë", "zoe")
    assert first_names_match("Jan-Willem", "Jan Willem")


def test_initials_match_a_first_name_that_starts_with_them() -> None:
    assert is_initials("J.") and is_initials("J.P.") and is_initials("j p") and not is_initials("Jo")
    assert first_names_match("J.", "Jan")
    assert first_names_match("J.P.", "Jan Pieter")
    assert first_names_match("J.", "Jan Pieter")  # only the first initial given
    assert not first_names_match("P.", "Jan")
    assert not first_names_match("Jan", "Johan")
    assert not first_names_match("", "Jan")


def test_all_three_fields_make_the_same_person() -> None:
    a = Identity(achternaam="van der Berg", voornaam="Jan", geboortedatum=BORN)
    b = Identity(achternaam="Berg, van der", voornaam="J.", geboortedatum=BORN)
    assert compare(a, b) == (Verdict.same, [Field.achternaam, Field.voornaam, Field.geboortedatum])


def test_the_same_surname_and_date_of_birth_with_another_first_name_is_a_possible_duplicate_only() -> None:
    """The bug of issue 13: two people, same surname and birth date, different first names, were merged."""
    piet = Identity(achternaam="Jansen", voornaam="Piet", geboortedatum=BORN)
    klaas = Identity(achternaam="Jansen", voornaam="Klaas", geboortedatum=BORN)
    assert compare(piet, klaas) == (Verdict.possible, [Field.achternaam, Field.geboortedatum])


def test_a_missing_first_name_is_no_match_on_it() -> None:
    assert (
        compare(
            Identity(achternaam="Jansen", geboortedatum=BORN), Identity(achternaam="Jansen", voornaam="Piet", geboortedatum=BORN)
        )[0]
        is Verdict.possible
    )
    assert compare(Identity(achternaam="Jansen", geboortedatum=BORN), Identity(achternaam="Jansen", geboortedatum=BORN))[0] is (
        Verdict.possible
    )


def test_two_of_three_fields_in_any_combination_are_a_possible_duplicate() -> None:
    base = Identity(achternaam="Jansen", voornaam="Piet", geboortedatum=BORN)
    assert compare(base, Identity(achternaam="Jansen", voornaam="Piet", geboortedatum=date(1980, 4, 2)))[0] is Verdict.possible
    assert compare(base, Identity(achternaam="Pietersen", voornaam="Piet", geboortedatum=BORN))[0] is Verdict.possible
    assert (
        compare(base, Identity(achternaam="Pietersen", voornaam="Piet", geboortedatum=date(1970, 1, 1)))[0] is Verdict.different
    )


def test_a_surname_without_its_tussenvoegsels_and_the_same_birth_date_is_a_possible_duplicate() -> None:
    verdict, fields = compare(
        Identity(achternaam="Berg", geboortedatum=BORN), Identity(achternaam="van der Berg", geboortedatum=BORN)
    )
    assert verdict is Verdict.possible and Field.geboortedatum in fields


def test_the_same_alias_is_a_possible_duplicate_never_the_same_person() -> None:
    assert compare(Identity(alias="Rooie Kees"), Identity(alias="rooie kees"))[0] is Verdict.possible
    assert compare(Identity(alias="Rooie Kees"), Identity(alias="Kees"))[0] is Verdict.different


def test_lookup_keys_find_candidates_written_apart_or_attached_and_by_any_two_fields() -> None:
    apart = Identity(achternaam="van der Berg", geboortedatum=BORN).lookup_keys()
    attached = Identity(achternaam="Vanderberg", geboortedatum=BORN).lookup_keys()
    bare = Identity(achternaam="Berg", geboortedatum=BORN).lookup_keys()
    assert set(apart) & set(attached) and set(apart) & set(bare)
    full = Identity(achternaam="Jansen", voornaam="Piet", geboortedatum=BORN).lookup_keys()
    assert set(full.values()) == {"achternaam-geboortedatum", "achternaam-voornaam", "voornaam-geboortedatum"}
    assert Identity(alias="Rooie Kees").lookup_keys() == {"al:rooiekees": "alias"}
    assert Identity(achternaam="Jansen").lookup_keys() == {}
