"""Trusted documents per organisation, as a front-end team meets them in production: a
manifest registered by the organisation's admin key (or the command line), documents run by
id, publishable keys locked to them, "trusted documents only" for secret keys, and the
history. Two organisations side by side throughout."""

import asyncio
import json
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.api.graphql.controller import PERSISTED_QUERIES_FILE
from service.app import create_app
from service.config import PROJECT_ROOT
from service.domain.documents.manifest import APOLLO_FORMAT, Manifest, parse_manifest
from service.domain.errors import InvalidParameter
from service.domain.organisations.service import ensure_organisation
from service.security.keys import create_key
from tests.graphql.conftest import door_of, sha256
from tests.security.conftest import production_settings, started

Client = AsyncTestClient[Litestar]
PARTNER = "https://hr.example.com"
PICKER = "query Picker($locale: Locale) { variants(first: 5, locale: $locale) { items { slug } } }"
TERM = 'query Term { term(slug: "reverse-mentoring") { name } }'
ADHOC = "{ approaches { items { slug } } }"


@dataclass(frozen=True)
class Organisation:
    slug: str
    admin: str
    secret: str
    browser: str  # a publishable key for PARTNER

    def path(self, tail: str = "") -> str:
        return f"/v1/organisations/{self.slug}/trusted-documents{tail}"


async def organisation(engine: AsyncEngine, prefix: str) -> Organisation:
    slug = f"{prefix}-{uuid.uuid4().hex[:8]}"
    async with AsyncSession(engine) as session, session.begin():
        await ensure_organisation(session, slug)
        admin = (await create_key(session, "admin", ["admin"], slug)).key
        secret = (await create_key(session, "server", ["content:read"], slug)).key
        browser = (await create_key(session, "page", (), slug, origins=[PARTNER])).key
    return Organisation(slug, admin, secret, browser)


@pytest.fixture
async def production(database_url: str, client: Client) -> AsyncIterator[Client]:
    async for started_client in started(create_app(production_settings(database_url))):
        yield started_client


@pytest.fixture
async def acme(engine: AsyncEngine) -> Organisation:
    return await organisation(engine, "acme")


@pytest.fixture
async def globex(engine: AsyncEngine) -> Organisation:
    return await organisation(engine, "globex")


def admin(org: Organisation) -> dict[str, str]:
    return {"Authorization": f"Bearer {org.admin}"}


def secret(org: Organisation) -> dict[str, str]:
    return {"Authorization": f"Bearer {org.secret}"}


def browser(org: Organisation) -> dict[str, str]:
    return {"Authorization": f"Bearer {org.browser}", "Origin": PARTNER}


def codes(response: Any) -> list[str]:
    return [e["extensions"]["code"] for e in response.json().get("errors", [])]


def apollo_manifest(*bodies: str) -> dict[str, Any]:
    return {
        "format": APOLLO_FORMAT,
        "version": 1,
        "operations": [
            {"id": sha256(body), "name": None, "type": "query", "body": body} for body in bodies
        ],
    }


async def by_id(client: Client, document_id: str, headers: dict[str, str]) -> Any:
    return await client.post("/graphql", json={"documentId": document_id}, headers=headers)


async def test_a_registered_manifest_runs_by_id_for_its_organisation_only(
    production: Client, acme: Organisation, globex: Organisation
) -> None:
    codegen = {"sha1-of-picker-0001": PICKER}  # graphql-codegen may use any id (sha1 here)
    registered = await production.put(
        acme.path("/manifests/web"), json=codegen, headers=admin(acme)
    )
    assert registered.status_code == 201, registered.text
    assert registered.json()["documents"] == 1
    ran = await by_id(production, "sha1-of-picker-0001", browser(acme))
    assert ran.status_code == 200 and len(ran.json()["data"]["variants"]["items"]) == 5
    # Globex's keys, publishable or secret, never run Acme's documents.
    for headers in (browser(globex), secret(globex)):
        refused = await by_id(production, "sha1-of-picker-0001", headers)
        assert codes(refused) == ["PERSISTED_QUERY_NOT_IN_LIST"], refused.text
        assert refused.json().get("data") is None
    # Nor by the APQ hash of its text.
    hashed = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(PICKER)}}}
    assert codes(await production.post("/graphql", json=hashed, headers=browser(globex))) == [
        "PERSISTED_QUERY_NOT_IN_LIST"
    ]
    ok = await production.post("/graphql", json=hashed, headers=browser(acme))
    assert "errors" not in ok.json(), ok.text


async def test_a_publishable_key_runs_trusted_and_shipped_documents_only(
    production: Client, acme: Organisation
) -> None:
    await production.put(
        acme.path("/manifests/web"), json=apollo_manifest(TERM), headers=admin(acme)
    )
    trusted = await production.post("/graphql", json={"query": TERM}, headers=browser(acme))
    assert trusted.json()["data"]["term"]["name"] == "Reverse Mentoring", trusted.text
    shipped = json.loads(PERSISTED_QUERIES_FILE.read_text())
    digest = next(d for d, q in shipped.items() if "ContentVersion" in q)
    assert (await by_id(production, digest, browser(acme))).json()["data"]["contentVersion"]
    refused = await production.post("/graphql", json={"query": ADHOC}, headers=browser(acme))
    assert refused.status_code == 200
    assert codes(refused) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert "publishable key may run only" in refused.json()["errors"][0]["message"]
    assert refused.json()["extensions"]["cost"]["requested"] == 0
    # Nor can it register one by the automatic persisted query protocol.
    apq = {"persistedQuery": {"version": 1, "sha256Hash": sha256(ADHOC)}}
    registering = await production.post(
        "/graphql", json={"query": ADHOC, "extensions": apq}, headers=browser(acme)
    )
    assert codes(registering) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    # The same document from a server, with a secret key: any document runs.
    assert (
        "errors"
        not in (
            await production.post("/graphql", json={"query": ADHOC}, headers=secret(acme))
        ).json()
    )


async def test_trusted_documents_only_for_secret_keys_is_the_organisation_s_choice(
    production: Client, acme: Organisation, globex: Organisation
) -> None:
    await production.put(acme.path("/manifests/web"), json={"t": TERM}, headers=admin(acme))
    listing = await production.get(acme.path(), headers=admin(acme))
    assert listing.json()["trusted_only"] is False
    without = await production.put(acme.path(), json={"trusted_only": True}, headers=admin(acme))
    assert without.status_code == 428
    locked = await production.put(
        acme.path(),
        json={"trusted_only": True},
        headers=admin(acme) | {"If-Match": listing.headers["etag"]},
    )
    assert locked.status_code == 200 and locked.json()["trusted_only"] is True, locked.text
    stale = await production.put(
        acme.path(),
        json={"trusted_only": False},
        headers=admin(acme) | {"If-Match": listing.headers["etag"]},
    )
    assert stale.status_code == 412
    refused = await production.post("/graphql", json={"query": ADHOC}, headers=secret(acme))
    assert codes(refused) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert "organisation's keys may run only" in refused.json()["errors"][0]["message"]
    assert "errors" not in (await by_id(production, "t", secret(acme))).json()
    # Globex chose nothing: its secret keys still send any document.
    assert (
        "errors"
        not in (
            await production.post("/graphql", json={"query": ADHOC}, headers=secret(globex))
        ).json()
    )


async def test_replace_remove_and_the_history_of_every_action(
    production: Client, acme: Organisation, globex: Organisation
) -> None:
    path = acme.path("/manifests/web")
    assert (await production.put(path, json={"a": TERM}, headers=admin(acme))).status_code == 201
    replaced = await production.put(path, json={"b": PICKER}, headers=admin(acme))
    assert replaced.status_code == 200
    assert codes(await by_id(production, "a", secret(acme))) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert "errors" not in (await by_id(production, "b", secret(acme))).json()
    read = await production.get(path, headers=admin(acme))
    assert [d["id"] for d in read.json()["documents"]] == ["b"]
    assert (await production.get(acme.path(), headers=admin(acme))).status_code == 200
    assert (await production.delete(path, headers=admin(acme))).status_code == 204
    assert codes(await by_id(production, "b", secret(acme))) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert (await production.delete(path, headers=admin(acme))).status_code == 404
    history = (await production.get(acme.path("/history"), headers=admin(acme))).json()
    actions = [(e["action"], e["manifest"]) for e in reversed(history["items"])]
    assert actions == [
        ("registered", "web"),
        ("replaced", "web"),
        ("read", "web"),
        ("listed", None),
        ("removed", "web"),
    ]
    assert {e["actor"] for e in history["items"]} == {acme.admin.split("_")[1]}
    # Another organisation's admin learns nothing, and its own history is its own.
    for method in ("GET", "PUT", "DELETE"):
        other = await production.request(method, path, json={"x": TERM}, headers=admin(globex))
        assert other.status_code == 404, (method, other.text)
    theirs = await production.get(globex.path("/history"), headers=admin(globex))
    assert theirs.json()["items"] == []
    # Only admin keys manage documents.
    assert (await production.get(acme.path(), headers=secret(acme))).status_code == 403


@pytest.mark.parametrize(
    ("manifest", "says"),
    [
        ({"x": "{ nope }"}, "Cannot query field 'nope'"),
        ({"x": "{ variants(first: 101) { nextCursor } }"}, "from 1 to 100"),
        ({sha256("{ contentVersion }")[::-1]: "{ contentVersion }"}, "not its document's"),
        ({"x": "query { " + "a: contentVersion " * 20 + "}"}, "aliases"),
        ({"bad id!": "{ contentVersion }"}, "an id is 1 to 128"),
        ({}, "no documents"),
        ({"format": "apollo-persisted-query-manifest", "version": 2, "operations": []}, "version"),
        ([1, 2], "JSON object"),
    ],
)
async def test_a_manifest_that_could_not_run_is_refused_whole(
    production: Client, acme: Organisation, manifest: Any, says: str
) -> None:
    refused = await production.put(acme.path("/manifests/web"), json=manifest, headers=admin(acme))
    assert refused.status_code == 400, refused.text
    assert says in refused.json()["detail"]
    listing = await production.get(acme.path(), headers=admin(acme))
    assert listing.json()["manifests"] == []


async def test_a_document_id_names_one_document_per_organisation(
    production: Client, acme: Organisation, globex: Organisation
) -> None:
    assert (
        await production.put(acme.path("/manifests/web"), json={"x": TERM}, headers=admin(acme))
    ).status_code == 201
    clash = await production.put(
        acme.path("/manifests/admin"), json={"x": PICKER}, headers=admin(acme)
    )
    assert clash.status_code == 409 and "'web'" in clash.json()["detail"]
    # The same id in another organisation is that organisation's own.
    theirs = await production.put(
        globex.path("/manifests/web"), json={"x": PICKER}, headers=admin(globex)
    )
    assert theirs.status_code == 201
    mine = (await by_id(production, "x", secret(acme))).json()["data"]
    their = (await by_id(production, "x", secret(globex))).json()["data"]
    assert "term" in mine and "variants" in their


async def test_automatic_persisted_queries_register_per_organisation(
    production: Client, acme: Organisation, globex: Organisation
) -> None:
    query = '{ apqPerOrganisation: topic(slug: "core-goals") { title } }'
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256(query)}}
    unknown = await production.post(
        "/graphql", json={"extensions": extensions}, headers=secret(acme)
    )
    assert codes(unknown) == ["PERSISTED_QUERY_NOT_FOUND"]
    registered = await production.post(
        "/graphql", json={"query": query, "extensions": extensions}, headers=secret(acme)
    )
    assert "errors" not in registered.json()
    again = await production.post("/graphql", json={"extensions": extensions}, headers=secret(acme))
    assert again.json()["data"] == registered.json()["data"]
    elsewhere = await production.post(
        "/graphql", json={"extensions": extensions}, headers=secret(globex)
    )
    assert codes(elsewhere) == ["PERSISTED_QUERY_NOT_FOUND"]


def manifest_of(value: Any) -> Manifest:
    raw = json.dumps(value).encode()
    return parse_manifest(raw, json.loads(raw))


def test_both_manifest_formats_read_the_same() -> None:
    codegen = manifest_of({sha256(TERM): TERM})
    apollo = manifest_of(apollo_manifest(TERM))
    assert codegen.documents[0].body == apollo.documents[0].body == TERM
    assert codegen.documents[0].id == apollo.documents[0].id
    with pytest.raises(InvalidParameter, match="twice"):
        manifest_of(
            {
                "format": APOLLO_FORMAT,
                "version": 1,
                "operations": [{"id": "a", "body": TERM}, {"id": "a", "body": PICKER}],
            }
        )


@pytest.mark.slow  # runs the command line
async def test_the_command_line_registers_lists_and_removes_a_manifest(
    database_url: str, production: Client, acme: Organisation, tmp_path: Path
) -> None:
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({"cli-term": TERM}))
    environment = os.environ | {"DATABASE_URL": database_url}

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "service", "trusted-documents", *args, "--org", acme.slug],
            cwd=PROJECT_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=check,
        )

    done = await asyncio.to_thread(run, "register", str(manifest), "--name", "web")
    assert f"registered manifest web of {acme.slug}: 1 documents" in done.stdout
    assert "errors" not in (await by_id(production, "cli-term", browser(acme))).json()
    listing = (await asyncio.to_thread(run, "list")).stdout
    assert "secret keys run any document" in listing and "web" in listing and "cli" in listing
    manifest.write_text(json.dumps({"cli-bad": "{ nope }"}))
    refused = await asyncio.to_thread(run, "register", str(manifest), "--name", "web", check=False)
    assert refused.returncode != 0 and "Cannot query field 'nope'" in refused.stderr
    await asyncio.to_thread(run, "remove", "--name", "web")
    await asyncio.sleep(2.1)  # another process changed them: this replica re-reads within 2 s
    assert codes(await by_id(production, "cli-term", browser(acme))) == [
        "PERSISTED_QUERY_NOT_IN_LIST"
    ]
    history = (await production.get(acme.path("/history"), headers=admin(acme))).json()
    assert [e["actor"] for e in history["items"]][:3] == ["cli", "cli", "cli"]


async def test_no_answer_is_shared_between_organisations(
    production: Client, acme: Organisation, globex: Organisation
) -> None:
    """The response cache keys on the organisation too: the same document from two
    organisations' keys is executed once for each, then answered from the cache."""
    door = door_of(production.app)
    query = {"query": '{ sharedProbe: aspect(key: "duration") { name } }'}
    before = door.executions
    for org in (acme, globex, acme, globex):
        answer = await production.post("/graphql", json=query, headers=secret(org))
        assert "errors" not in answer.json()
    assert door.executions == before + 2
