"""Every service refuses a token with the wrong issuer, audience, algorithm, validity, key or claims: 401 problem+json."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from journey_platform.devissuer import DevIssuer
from journey_platform.testing.plugin import SERVICES

# A GET each service guards with a bearer token; a valid token gets past authentication (any status but 401).
GUARDED = {
    "intake": "/v1/meldingen/00000000-0000-4000-8000-000000000000",
    "placement": "/v1/ondersteuningsplannen/00000000-0000-4000-8000-000000000000",
    "housing": "/v1/aanbiedingen/00000000-0000-4000-8000-000000000000",
    "reporting": "/v1/trajecten/00000000-0000-4000-8000-000000000000",
}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(header: dict[str, Any], claims: dict[str, Any]) -> str:
    return f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"


def claims_of(issuer: DevIssuer, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": issuer.issuer,
        "aud": issuer.audience,
        "sub": "dev-test",
        "iat": now,
        "exp": now + 600,
        "org_type": "centrale-toegang",
        "org_id": "CT-IJSSEL-VECHT",
        "roles": ["medewerker"],
        **changes,
    }
    return {k: v for k, v in claims.items() if v is not None}


def bad_tokens(issuer: DevIssuer) -> dict[str, str]:
    now = int(time.time())
    public_pem = (issuer.directory / "signing-key.pem").read_bytes()
    public_pem = (
        serialization.load_pem_private_key(public_pem, password=None)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    hs256_input = unsigned({"alg": "HS256", "typ": "JWT", "kid": issuer.kid}, claims_of(issuer))
    hs256 = hs256_input + "." + b64url(hmac.new(public_pem, hs256_input.encode(), hashlib.sha256).digest())
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tokens = {
        "wrong issuer": issuer.sign(claims_of(issuer, iss="https://login.elders.example")),
        "wrong audience": issuer.sign(claims_of(issuer, aud="een-andere-api")),
        "HS256 signed with the public key": hs256,
        "alg none": unsigned({"alg": "none", "typ": "JWT", "kid": issuer.kid}, claims_of(issuer)) + ".",
        "expired": issuer.sign(claims_of(issuer, iat=now - 3600, exp=now - 60)),
        "not yet valid (nbf)": issuer.sign(claims_of(issuer, nbf=now + 3600)),
        "issued in the future": issuer.sign(claims_of(issuer, iat=now + 3600, exp=now + 7200)),
        "unknown kid": jwt.encode(claims_of(issuer), stranger, algorithm="RS256", headers={"kid": "onbekend"}),
        "known kid, other key": jwt.encode(claims_of(issuer), stranger, algorithm="RS256", headers={"kid": issuer.kid}),
        "no kid": jwt.encode(claims_of(issuer), stranger, algorithm="RS256"),
        "tampered claims": _tampered(issuer.sign(claims_of(issuer))),
        "not a JWT": "kapot",
    }
    for claim in ("exp", "iat", "iss", "aud", "sub", "org_type", "org_id"):
        tokens[f"without {claim}"] = issuer.sign(claims_of(issuer, **{claim: None}))
    return tokens


def _tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["org_id"] = "CT-MIDDEN-IJSSEL"
    return f"{header}.{b64url(json.dumps(claims).encode())}.{signature}"


@pytest.mark.parametrize("service", SERVICES)
async def test_every_service_refuses_every_bad_token_with_401(start_service: Any, issuer: DevIssuer, service: str) -> None:
    running = await start_service(service)
    path = GUARDED[service]
    good = await running.client.get(path, headers={"Authorization": f"Bearer {issuer.sign(claims_of(issuer))}"})
    assert good.status_code != 401, good.text  # the control: the same request with a good token gets in

    accepted = {}
    for case, token in bad_tokens(issuer).items():
        response = await running.client.get(path, headers={"Authorization": f"Bearer {token}"})
        if response.status_code != 401 or response.headers["content-type"] != "application/problem+json":
            accepted[case] = (response.status_code, response.text[:200])
        else:
            assert response.json()["status"] == 401
            assert response.headers["www-authenticate"].startswith("Bearer")
    assert accepted == {}


class _JWKSHandler(BaseHTTPRequestHandler):
    body = b""
    fetches = 0

    def do_GET(self) -> None:
        type(self).fetches += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: Any) -> None:
        pass


async def test_with_a_jwks_url_bad_tokens_are_refused_and_unknown_keys_do_not_refetch_each_time(
    start_service: Any, issuer: DevIssuer
) -> None:
    """Production verifies against the identity provider's JWKS URL (fetched asynchronously; served from a
    thread here)."""
    handler: Any = type("Handler", (_JWKSHandler,), {"body": issuer.jwks_file.read_bytes(), "fetches": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
        intake = await start_service("intake", auth_jwks_url=url, auth_jwks_file=None)
        path = GUARDED["intake"]
        good = await intake.client.get(path, headers={"Authorization": f"Bearer {issuer.sign(claims_of(issuer))}"})
        assert good.status_code != 401, good.text
        tokens = bad_tokens(issuer)
        for case, token in tokens.items():
            response = await intake.client.get(path, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401, (case, response.status_code, response.text[:200])
        assert handler.fetches <= 2  # the first fetch and at most one refresh for the unknown kid (cool-down)
    finally:
        server.shutdown()
        server.server_close()
