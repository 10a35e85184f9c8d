"""The topic scan of the end-to-end suite: it finds what it must, and leaves ids, codes and dates alone."""

import pytest

from journey_platform.devbroker import LocalBroker
from journey_platform.testing.kafka import produce, synthetic_report
from journey_platform.testing.plugin import free_port
from journey_platform.testing.privacy import PostedPersonalData, forbidden_in_message, passes_eleven_check, scan_broker


def test_a_bsn_is_nine_digits_that_pass_the_eleven_check() -> None:
    assert passes_eleven_check("111222333") and passes_eleven_check("123456782")
    assert not passes_eleven_check("123456789") and not passes_eleven_check("000000000")


def test_a_message_with_a_bsn_an_address_or_a_posted_value_is_caught() -> None:
    assert forbidden_in_message('{"x": "111222333"}', []) == ["BSN-like number 111222333"]
    assert forbidden_in_message('{"adres": "Stationsweg 12, 8011 CZ Zwolle"}', [])  # street and postcode
    assert forbidden_in_message('{"note": "slaapt in het park"}', ["Slaapt in het park"]) == ["value 'Slaapt in het park'"]


def test_ids_times_and_codes_are_not_personal_data() -> None:
    clean = (
        '{"trajectId": "0b8d2c1e-1234-4a5b-9123-ab1234567890", "gemeld_op": "2026-10-01T09:00:00.123456789+00:00",'
        ' "gemeente": "GM0193", "source": "urn:nld:oin:00000001003214345000:systeem:intake", "offset": 123456782000}'
    )
    assert forbidden_in_message(clean, []) == []


def test_posted_bodies_register_their_personal_fields_wherever_nested() -> None:
    posted = PostedPersonalData()
    posted.add_body(
        b'{"persoon": {"bsn": "111222333", "achternaam": "Wisselink"}, "toelichting": "Slaapt buiten",'
        b' "doelen": [{"levensdomein": "wonen", "omschrijving": "Eigen kamer"}], "gemeente": "GM0193"}'
    )
    posted.add_body(b"not json")
    assert posted.values == {"111222333", "Wisselink", "Slaapt buiten", "Eigen kamer"}


@pytest.mark.e2e
async def test_the_scan_reads_every_topic_of_the_broker() -> None:
    own = LocalBroker(free_port())
    own.start()
    try:
        clean = synthetic_report()
        await produce(own.bootstrap_servers, "opvangketen.intake", [clean])
        assert await scan_broker(own.bootstrap_servers, ["Wisselink"]) == []
        await produce(own.bootstrap_servers, "opvangketen.reporting.dlt", [b'{"bsn": "111222333", "naam": "Wisselink"}'])
        problems = await scan_broker(own.bootstrap_servers, ["Wisselink"])
        assert len(problems) == 2 and all(p.startswith("opvangketen.reporting.dlt@") for p in problems)
    finally:
        own.stop()
