"""Every development-only secret in the repository is refused by the settings in production."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from intake.settings import DEV_BSN_KEY, DEV_INDEX_KEY
from journey_platform.devissuer import DEV_ISSUER
from journey_platform.settings import DEV_SIGNING_DIR
from journey_platform.testing.plugin import SERVICES, settings_class
from reporting.subscriptions.settings import DEV_SECRET_KEY

REAL_KEY = "k2:" + "a" * 43 + "="
PRODUCTION: dict[str, dict[str, Any]] = {
    service: {
        "environment": "production",
        "database_url": f"postgresql+asyncpg://{service}@db/{service}",
        "auth_jwks_url": "https://login.example.nl/jwks.json",
        "auth_issuer": "https://login.example.nl",
        "processing_log_key": "p" * 43 + "=",
    }
    for service in SERVICES
}
PRODUCTION["intake"] |= {"bsn_keys": REAL_KEY, "bsn_index_key": "b" * 43 + "="}
PRODUCTION["reporting"] |= {"subscription_secret_keys": Fernet.generate_key().decode()}


@pytest.mark.parametrize("service", SERVICES)
def test_production_settings_without_development_secrets_are_accepted(service: str) -> None:
    assert settings_class(service)(**PRODUCTION[service]).environment == "production"


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"auth_issuer": DEV_ISSUER}, "auth_issuer"),
        ({"auth_jwks_url": None, "auth_jwks_file": DEV_SIGNING_DIR / "jwks.json"}, "auth_jwks_url"),
    ],
)
def test_the_development_token_issuer_is_refused_in_production(service: str, change: dict[str, Any], refusal: str) -> None:
    with pytest.raises(ValidationError, match=refusal):
        settings_class(service)(**(PRODUCTION[service] | change))


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"bsn_keys": DEV_BSN_KEY}, "INTAKE_BSN_KEYS"),
        ({"bsn_keys": f"{REAL_KEY},{DEV_BSN_KEY}"}, "INTAKE_BSN_KEYS"),
        ({"bsn_index_key": DEV_INDEX_KEY}, "INTAKE_BSN_INDEX_KEY"),
    ],
)
def test_intakes_development_keys_are_refused_in_production(change: dict[str, Any], refusal: str) -> None:
    with pytest.raises(ValidationError, match=refusal):
        settings_class("intake")(**(PRODUCTION["intake"] | change))


@pytest.mark.parametrize("keys", [DEV_SECRET_KEY, f"{Fernet.generate_key().decode()},{DEV_SECRET_KEY}"])
def test_reportings_development_sealing_key_is_refused_in_production(keys: str) -> None:
    with pytest.raises(ValidationError, match="REPORTING_SUBSCRIPTION_SECRET_KEYS"):
        settings_class("reporting")(**(PRODUCTION["reporting"] | {"subscription_secret_keys": keys}))
