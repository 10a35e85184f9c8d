import pytest
from pydantic import ValidationError

from intake.settings import IntakeSettings
from journey_platform.messaging.kafka import security_options
from journey_platform.settings import ServiceSettings


def test_development_defaults_are_refused_in_production() -> None:
    with pytest.raises(ValidationError) as info:
        IntakeSettings(environment="production")
    text = str(info.value)
    assert "PostgreSQL" in text and "auth_jwks_url" in text and "PROCESSING_LOG_KEY" in text


def test_production_with_real_settings_is_accepted() -> None:
    settings = IntakeSettings(
        environment="production",
        database_url="postgresql+asyncpg://intake@db/intake",
        auth_jwks_url="https://login.example.nl/jwks.json",
        auth_issuer="https://login.example.nl",
        bsn_keys="k2:" + "a" * 43 + "=",
        bsn_index_key="b" * 43 + "=",
        processing_log_key="p" * 32,
    )
    assert settings.source_urn == "urn:nld:oin:00000001003214345000:systeem:intake"


def test_shared_settings_come_from_unprefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092")
    monkeypatch.setenv("OIN", "00000001234567890000")
    monkeypatch.setenv("INTAKE_DATABASE_URL", "sqlite+aiosqlite:///x.db")
    settings = IntakeSettings()
    assert settings.kafka_bootstrap_servers == "kafka-0:9092,kafka-1:9092"
    assert settings.oin == "00000001234567890000"
    assert settings.database_url == "sqlite+aiosqlite:///x.db"


def test_kafka_credentials_come_from_the_shared_variables_and_plaintext_needs_none(monkeypatch: pytest.MonkeyPatch) -> None:
    assert security_options(ServiceSettings()) == {}
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("KAFKA_USERNAME", "reporting")
    monkeypatch.setenv("KAFKA_PASSWORD", "from-the-kafkauser-secret")
    options = security_options(ServiceSettings())
    assert options["sasl_mechanism"] == "SCRAM-SHA-512" and options["sasl_plain_username"] == "reporting"
    assert options["ssl_context"] is not None
