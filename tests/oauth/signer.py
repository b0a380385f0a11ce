"""Keys and forged tokens: our own signer (cryptography through PyJWT), for the provider's keys
and for tokens no honest provider would issue."""

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt import PyJWK
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm, get_default_algorithms


def private_jwk(alg: str, kid: str | None = None) -> dict[str, Any]:
    """A new private signing key as a JWK (what the provider is configured with)."""
    if alg == "RS256":
        jwk = RSAAlgorithm.to_jwk(rsa.generate_private_key(65537, 2048), as_dict=True)
    elif alg == "ES256":
        jwk = ECAlgorithm.to_jwk(ec.generate_private_key(ec.SECP256R1()), as_dict=True)
    else:
        jwk = OKPAlgorithm.to_jwk(ed25519.Ed25519PrivateKey.generate(), as_dict=True)
    jwk.pop("key_ops", None)
    return jwk | {"kid": kid or f"{alg.lower()}-{secrets.token_hex(4)}", "use": "sig"}


def public_pem(jwk: dict[str, Any]) -> bytes:
    private = PyJWK(jwk).key
    public = private.public_key()
    return bytes(
        public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def claims(issuer: str, audience: str, **changes: Any) -> dict[str, Any]:
    """What an RFC 9068 access token carries; `changes` with None remove a claim."""
    now = int(time.time())
    found: dict[str, Any] = {
        "iss": issuer,
        "sub": "forger",
        "aud": audience,
        "client_id": "forger",
        "iat": now,
        "exp": now + 300,
        "jti": secrets.token_hex(8),
        "scope": "content:read recommend",
    }
    found |= changes
    return {name: value for name, value in found.items() if value is not None}


def sign(payload: dict[str, Any], jwk: dict[str, Any], alg: str, **header: Any) -> str:
    """A JWS signed with `jwk`'s private key; `header` adds fields or (with None) removes them."""
    fields = {"alg": alg, "typ": "at+jwt", "kid": jwk.get("kid")} | header
    head = {name: value for name, value in fields.items() if value is not None}
    signing_input = f"{_b64(json.dumps(head).encode())}.{_b64(json.dumps(payload).encode())}"
    algorithm = get_default_algorithms()[alg]
    signature = algorithm.sign(signing_input.encode(), algorithm.prepare_key(PyJWK(jwk).key))
    return f"{signing_input}.{_b64(signature)}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def unsigned(header: dict[str, Any], payload: dict[str, Any]) -> str:
    """`alg: none`: no signature at all."""
    head = _b64(json.dumps({"alg": "none", **header}).encode())
    return f"{head}.{_b64(json.dumps(payload).encode())}."


def hmac_signed(secret: bytes, header: dict[str, Any], payload: dict[str, Any]) -> str:
    """HS256 with `secret` as the key: the old trick of signing with the issuer's public key,
    for a verifier that would take the algorithm from the token."""
    head = _b64(json.dumps({"alg": "HS256", **header}).encode())
    signing_input = f"{head}.{_b64(json.dumps(payload).encode())}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(mac)}"


def public_jwks(*keys: dict[str, Any]) -> bytes:
    """The JWK set an issuer publishes for these private keys."""
    published = []
    for jwk in keys:
        public = PyJWK(jwk).key.public_key()
        algorithm = {"RSA": RSAAlgorithm, "EC": ECAlgorithm, "OKP": OKPAlgorithm}[jwk["kty"]]
        published.append(algorithm.to_jwk(public, as_dict=True) | {"kid": jwk["kid"], "use": "sig"})
    return json.dumps({"keys": published}).encode()
