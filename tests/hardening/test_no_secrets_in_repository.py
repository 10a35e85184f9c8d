"""No secret in the repository: every tracked file scanned with detect-secrets (Bridgecrew's maintained
fork, bc-detect-secrets, the one checkov uses), against an explicit, reviewed allowlist.

An allowlisted finding is named by path (glob), detector and the SHA-1 the scanner reports for the value,
so a changed value is a new finding. Each development-only key on the list is refused by the settings in
production: tests/hardening/test_dev_secrets_refused_in_production.py.
"""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

import pytest
from detect_secrets.core.secrets_collection import SecretsCollection
from detect_secrets.settings import default_settings

ROOT = Path(__file__).resolve().parents[2]
# This file itself: it holds the allowlist's hashes and the planted fake key of the control test.
SELF = Path(__file__).resolve().relative_to(ROOT).as_posix()

# (path glob, detector, hashed secret) → why it is not a secret. Review every addition.
ALLOWED: dict[tuple[str, str, str], str] = {
    (
        "*/vendor/redoc/redoc.standalone.js",
        "Base64 High Entropy String",
        "fd8201493aad9512bb25129219813806e68b2c51",
    ): "ReDoc's vendored bundle: the base64 alphabet of its encoder (ABC…xyz0…9+/=)",
    (
        "*/vendor/redoc/redoc.standalone.js",
        "Secret Keyword",
        "18e8825cfbdac2baadd667383d22165713d4d4b5",
    ): "ReDoc's vendored bundle: 'PasswordFlow', the OAuth2 flow's label",
    (
        "*/vendor/redoc/redoc.standalone.js",
        "Secret Keyword",
        "53e07a32bf191d6917ee6fd863f0b52632a86798",
    ): "ReDoc's vendored bundle: the string 'use strict' after a key-like name in minified code",
    (
        "*/vendor/redoc/redoc.standalone.js",
        "Secret Keyword",
        "47acd2028cf81b5da88ddeedb2aea4eca4b71fbd",
    ): "ReDoc's vendored bundle: 'API Key', the security scheme's label",
    (
        "deploy/*.yaml",
        "Secret Keyword",
        "139ed6815b9d562c100fa61e7d3e9a5f93ad8e21",
    ): "`{key: ca.crt, path: ca.crt}`: mounts the cluster CA certificate (public) from a Secret by name",
    (
        "deploy/*ingress.yaml",
        "Secret Keyword",
        "753794d502ba7613621ab90e3dadf10b7aa7e073",
    ): "`secretName: opvangketen-api-tls`: the name of the TLS Secret cert-manager makes, not its content",
    (
        "services/intake/intake/settings.py",
        "Base64 High Entropy String",
        "33bd94ed93891358ca43e01eea36f1b61d8396fc",
    ): "DEV_INDEX_KEY: development-only blind-index key, refused in production",
    (
        "services/reporting/reporting/subscriptions/settings.py",
        "Base64 High Entropy String",
        "e765ba372d524d66040ad911f841e1ea631fbe7b",
    ): "DEV_SECRET_KEY: development-only sealing key, refused in production",
    (
        "services/reporting/reporting/subscriptions/settings.py",
        "Secret Keyword",
        "e765ba372d524d66040ad911f841e1ea631fbe7b",
    ): "DEV_SECRET_KEY again (the keyword detector sees the same value)",
    (
        "services/reporting/reporting/subscriptions/domain/signing.py",
        "Secret Keyword",
        "0e61cfdd28a6a03b24a5daef1f657711d01baec6",
    ): 'SECRET_PREFIX = "whsec_": the Standard Webhooks prefix, not a secret',
    (
        "services/intake/tests/unit/test_rules.py",
        "Hex High Entropy String",
        "4de69ee6b12b7fc91070873b71ba6e2929b90619",
    ): "made-up invalid BSNs in a test",
    (
        "services/reporting/tests/api/subscriptions/test_sealed_secrets.py",
        "Secret Keyword",
        "bf385b3ee1cdae5bbaaa8336c36f306d26075e21",
    ): "a made-up Authorization value a test seals",
}


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=False)  # noqa: S607
    if listed.returncode != 0:
        pytest.fail("the secrets scan needs a git checkout (it scans the tracked files)")
    return [name for name in listed.stdout.decode().split("\0") if name and name != SELF and (ROOT / name).is_file()]


def allowed_by(path: str, detector: str, hashed: str) -> tuple[str, str, str] | None:
    return next((key for key in ALLOWED if key[1:] == (detector, hashed) and fnmatch.fnmatch(path, key[0])), None)


@pytest.fixture(scope="module")
def findings() -> list[tuple[str, str, str, int]]:
    collection = SecretsCollection(root=str(ROOT))
    with default_settings():
        for name in tracked_files():
            collection.scan_file(name)
    return [(path, s["type"], s["hashed_secret"], s["line_number"]) for path, found in collection.json().items() for s in found]


def test_no_tracked_file_holds_a_secret_outside_the_reviewed_allowlist(findings: list[tuple[str, str, str, int]]) -> None:
    unexpected = [
        f"{path}:{line} {detector} {hashed}"
        for path, detector, hashed, line in findings
        if allowed_by(path, detector, hashed) is None
    ]
    assert unexpected == [], "possible secrets (remove them, or review and allowlist them):\n" + "\n".join(unexpected)


def test_every_allowlist_entry_is_still_needed(findings: list[tuple[str, str, str, int]]) -> None:
    used = {allowed_by(path, detector, hashed) for path, detector, hashed, _ in findings}
    assert set(ALLOWED) - used == set(), "stale allowlist entries: remove them"


def test_the_scanner_finds_a_planted_key(tmp_path: Path) -> None:
    """The control: the scan above is not blind (a private key and a token in a settings file)."""
    (tmp_path / "signing-key.txt").write_text(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n-----END RSA PRIVATE KEY-----\n"
    )
    (tmp_path / "settings.py").write_text('kafka_password = "' + "Zk3r9QpLx2Vb7NmT4sWy8HcJ" + '"\n')
    collection = SecretsCollection(root=str(tmp_path))
    with default_settings():
        collection.scan_file("signing-key.txt")
        collection.scan_file("settings.py")
    types = {s["type"] for found in collection.json().values() for s in found}
    assert {"Private Key", "Secret Keyword"} <= types


@pytest.mark.parametrize(
    "path",
    [
        "var/dev-issuer/signing-key.pem",
        "deploy/tls.key",
        ".env",
        ".env.production",
        "keys/client.p12",
        "keys/store.jks",
        "id_rsa",
        "jwks-private.json",
    ],
)
def test_gitignore_keeps_keys_and_credentials_out(path: str) -> None:
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "--no-index", path], check=False)  # noqa: S607
    assert ignored.returncode == 0, f"{path} is not ignored by .gitignore"
