"""An organisation's trusted issuers, as its administrator manages them (REST and CLI): keys
read when an issuer is added (discovered or given), refusals that say what is wrong, one
organisation per issuer, at most ten per organisation, and every change in the history."""

import asyncio
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.config import PROJECT_ROOT
from service.security.keys import create_key
from service.security.trusted_issuers import MAX_ISSUERS_PER_ORGANISATION, issuer_id
from tests.oauth.conftest import (
    RESOURCE,
    Client,
    Tenant,
    assert_invalid_token,
    assert_problem,
    bearer,
    make_tenant,
)
from tests.oauth.identity_provider import IdentityProvider
from tests.oauth.signer import claims, private_jwk, public_jwks, sign
from tests.oauth.stub import stub_server

pytestmark = pytest.mark.slow  # a real identity provider (Node) per session


def key(tenant: Tenant) -> dict[str, str]:
    return {"X-API-Key": tenant.admin_key}


async def test_trust_use_and_distrust_an_issuer_with_its_history(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    initech, acme = tenants["initech"], tenants["acme"]
    path = f"/v1/organisations/{initech.organisation}/issuers"
    token = await idp.token("initech", "initech-sync")  # EdDSA
    assert_invalid_token(
        await oauth.get("/v1/variants", headers=bearer(token)), "No organisation trusts"
    )

    added = await oauth.post(path, json={"issuer": idp.issuer("initech")}, headers=key(initech))
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["issuer"] == idp.issuer("initech") and body["discovered"] is True
    assert body["jwks_uri"] == f"{idp.issuer('initech')}/jwks"  # from its discovery document
    assert body["id"] == issuer_id(idp.issuer("initech"))
    assert (await oauth.get("/v1/variants", headers=bearer(token))).status_code == 200

    again = await oauth.post(path, json={"issuer": idp.issuer("initech")}, headers=key(initech))
    assert "already trusts" in assert_problem(again, 409, "issuer-already-trusted")["detail"]
    elsewhere = await oauth.post(
        f"/v1/organisations/{acme.organisation}/issuers",
        json={"issuer": idp.issuer("initech")},
        headers=key(acme),
    )
    problem = assert_problem(elsewhere, 409, "issuer-already-trusted")
    assert "Another organisation" in problem["detail"]

    removed = await oauth.delete(f"{path}/{body['id']}", headers=key(initech))
    assert removed.status_code == 204, removed.text
    assert_invalid_token(
        await oauth.get("/v1/variants", headers=bearer(token)), "No organisation trusts"
    )
    assert (await oauth.get(path, headers=key(initech))).json()["items"] == []
    gone = await oauth.delete(f"{path}/{body['id']}", headers=key(initech))
    assert_problem(gone, 404, "not-found")

    history = (await oauth.get(f"{path}/history", headers=key(initech))).json()["items"]
    admin_key_id = initech.admin_key.split("_")[1]
    assert [(c["action"], c["issuer"], c["changed_by"]) for c in history] == [
        ("removed", idp.issuer("initech"), admin_key_id),
        ("added", idp.issuer("initech"), admin_key_id),
    ]


async def test_an_issuer_whose_keys_cannot_be_read_is_refused_with_the_reason(
    oauth: Client, idp: IdentityProvider, tenants: dict[str, Tenant]
) -> None:
    acme = tenants["acme"]
    path = f"/v1/organisations/{acme.organisation}/issuers"
    hmac_only = json.dumps({"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "h"}]}).encode()
    with stub_server() as stub:
        cases = [
            ({"issuer": "http://127.0.0.1:1"}, "issuer", "could not be reached"),
            # Its metadata names the issuer without the slash: not the same issuer.
            ({"issuer": idp.issuer("acme") + "/"}, "issuer", "is for the issuer"),
            # Loopback over IPv6, outside the allowed 127.0.0.0/8: were the check broken, the
            # attempt would still stay on this machine.
            ({"issuer": "https://[::1]:1/"}, "issuer", "not a public address"),
            ({"issuer": "https://idp.example/?tenant=1"}, "issuer", "no query"),
            ({"issuer": "ftp://idp.example"}, "issuer", "must use https"),
            (
                {
                    "issuer": stub.base + "/moved",
                    "jwks_uri": stub.answer(
                        "/moved", b"", 302, {"location": f"{idp.issuer('acme')}/jwks"}
                    ),
                },
                "jwks_uri",
                "redirects are not followed",
            ),
            (
                {"issuer": stub.base, "jwks_uri": stub.answer("/huge", b" " * 300_000)},
                "jwks_uri",
                "more than",
            ),
            (
                {"issuer": stub.base, "jwks_uri": stub.answer("/html", b"<html>")},
                "jwks_uri",
                "did not send JSON",
            ),
            (
                {"issuer": stub.base, "jwks_uri": stub.answer("/hmac", hmac_only)},
                "jwks_uri",
                "holds no RS256 or ES256 or EdDSA signing key",
            ),
        ]
        for body, field, words in cases:
            response = await oauth.post(path, json=body, headers=key(acme))
            problem = assert_problem(response, 400, "invalid-parameter")
            assert problem["errors"][0]["field"] == field, problem
            assert words in problem["detail"], (body, problem["detail"])
        assert stub.hits["/moved"] == 1  # asked once, never followed
    for body in ({"jwks_uri": "https://idp.example/jwks"}, {"issuer": 3}, {"issuer": "x", "y": 1}):
        response = await oauth.post(path, json=body, headers=key(acme))
        assert response.status_code == 400, response.text
    listed = (await oauth.get(path, headers=key(acme))).json()["items"]
    assert [item["issuer"] for item in listed] == [idp.issuer("acme")]  # nothing was added


async def test_an_organisation_trusts_at_most_ten_issuers(
    oauth: Client, engine: AsyncEngine, tenants: dict[str, Tenant]
) -> None:
    tenant = await make_tenant(engine, "many")
    path = f"/v1/organisations/{tenant.organisation}/issuers"
    with stub_server() as stub:
        jwks_uri = stub.answer("/jwks", public_jwks(private_jwk("RS256")))
        for number in range(MAX_ISSUERS_PER_ORGANISATION):
            body = {"issuer": f"{stub.base}/tenants/{number}", "jwks_uri": jwks_uri}
            added = await oauth.post(path, json=body, headers=key(tenant))
            assert added.status_code == 201, added.text
            assert added.json()["discovered"] is False
        body = {"issuer": f"{stub.base}/tenants/one-more", "jwks_uri": jwks_uri}
        refused = await oauth.post(path, json=body, headers=key(tenant))
    assert_problem(refused, 409, "too-many-issuers")
    listed = await oauth.get(f"{path}?limit=4", headers=key(tenant))
    assert len(listed.json()["items"]) == 4 and listed.json()["next_cursor"]


async def test_the_command_line_trusts_an_issuer_whose_tokens_then_work(
    oauth: Client, database_url: str, engine: AsyncEngine, tenants: dict[str, Tenant]
) -> None:
    """Added by another process: this replica finds the new issuer within a second."""
    organisation = f"cli-{tenants['acme'].organisation}"
    signing = private_jwk("ES256", "cli-1")
    environment = os.environ | {
        "DATABASE_URL": database_url,
        "OAUTH_ISSUER_NETWORKS": "127.0.0.0/8",
    }

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "service", "issuer", *args],
            cwd=PROJECT_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    with stub_server() as stub:
        issuer = stub.base + "/cli"
        jwks_uri = stub.answer("/cli/jwks", public_jwks(signing))
        stub.answer(
            "/cli/.well-known/openid-configuration",
            json.dumps({"issuer": issuer, "jwks_uri": jwks_uri}).encode(),
        )
        token = sign(claims(issuer, RESOURCE, scope="content:read"), signing, "ES256")
        before = await oauth.get("/v1/variants", headers=bearer(token))
        assert_invalid_token(before, "No organisation trusts")  # this replica has read them
        added = await asyncio.to_thread(run, "add", "--org", organisation, "--issuer", issuer)
        assert f"org {organisation} trusts {issuer}" in added and "(discovered)" in added
        await asyncio.sleep(1.0)  # the catch-up of unknown issuers runs at most once a second
        assert (await oauth.get("/v1/variants", headers=bearer(token))).status_code == 200
        removed = await asyncio.to_thread(run, "remove", "--org", organisation, issuer)
        assert f"org {organisation} no longer trusts issuer {issuer}" in removed
    async with AsyncSession(engine) as session, session.begin():
        admin = (await create_key(session, "cli admin", ["admin"], organisation)).key
    history = await oauth.get(
        f"/v1/organisations/{organisation}/issuers/history", headers={"X-API-Key": admin}
    )
    assert [(c["action"], c["changed_by"]) for c in history.json()["items"]] == [
        ("removed", "cli"),
        ("added", "cli"),
    ]
