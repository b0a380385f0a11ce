"""The committed bundle: rebuilt from the lockfile to the same bytes, within its size budget,
and served with the caching, integrity and framing headers the documentation promises."""

import base64
import gzip
import hashlib
import re
import tempfile
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.api.rest.embed import bundle
from service.config import PROJECT_ROOT
from service.security.keys import create_key
from tools import embed

Client = AsyncTestClient[Litestar]
BUDGET_GZIPPED_BYTES = 30 * 1024
PARTNER = "https://hr.example.com"


@pytest.mark.slow
def test_the_committed_bundle_is_what_the_lockfile_builds() -> None:
    """Edit embed/src, then `make embed` and commit service/static/embed/recommender.js."""
    with tempfile.TemporaryDirectory() as folder:
        rebuilt = embed.build(Path(folder) / "recommender.js").read_bytes()
    committed = embed.BUNDLE.read_bytes()
    assert rebuilt == committed, "the committed bundle is stale: run `make embed` and commit it"


@pytest.mark.slow
def test_the_component_type_checks() -> None:
    """Every locale has every message (`Messages` is the English file's type), and the rest."""
    checked = embed.type_check()
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_bundle_is_within_its_budget_and_talks_to_no_one_else() -> None:
    body = embed.BUNDLE.read_bytes()
    assert len(gzip.compress(body, compresslevel=9)) <= BUDGET_GZIPPED_BYTES
    text = body.decode()
    for forbidden in ("document.cookie", "localStorage", "sessionStorage", "indexedDB", "eval("):
        assert forbidden not in text, forbidden
    # The only absolute URLs are the licence-free ones of the standards (namespaces).
    urls = set(re.findall(r"https?://[\w.-]+", text))
    assert urls <= {"http://www.w3.org"}, urls


def test_the_documented_integrity_hash_is_the_bundle_s() -> None:
    body = embed.BUNDLE.read_bytes()
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()
    assert bundle().integrity == integrity
    documentation = (PROJECT_ROOT / "docs" / "embedding.md").read_text()
    assert integrity in documentation, "docs/embedding.md: update the SRI hash (make embed)"
    assert bundle().versioned_path in documentation


async def test_the_module_is_cached_long_and_the_versioned_one_forever(client: Client) -> None:
    current = bundle()
    plain = await client.get("/embed/v1/recommender.js")
    assert plain.status_code == 200 and plain.content == current.body
    assert plain.headers["content-type"] == "text/javascript; charset=utf-8"  # charset once
    assert "max-age=86400" in plain.headers["cache-control"]
    assert plain.headers["access-control-allow-origin"] == "*"
    again = await client.get("/embed/v1/recommender.js", headers={"If-None-Match": current.etag})
    assert again.status_code == 304
    versioned = await client.get(current.versioned_path)
    assert versioned.status_code == 200 and versioned.content == current.body
    assert versioned.headers["cache-control"] == "public, max-age=31536000, immutable"
    stale = await client.get("/embed/v1/0123456789abcdef/recommender.js")
    assert stale.status_code == 404
    assert stale.headers["content-type"].startswith("application/problem+json")


async def test_the_iframe_page_may_be_framed_by_the_key_s_origins_only(
    client: Client, engine: AsyncEngine
) -> None:
    async with AsyncSession(engine) as session, session.begin():
        key = (await create_key(session, "frame", (), origins=[PARTNER])).key
    page = await client.get(
        "/embed/v1/recommender.html",
        params={"key": key, "lang": "de", "career-stage": 'mid" onload="x'},
    )
    assert page.status_code == 200, page.text
    assert page.headers["content-type"] == "text/html; charset=utf-8"  # charset once
    policy = page.headers["content-security-policy"]
    assert f"frame-ancestors {PARTNER}" in policy and "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    # Trusted Types: only Lit's own policy may create HTML, so a future unsafe sink fails closed.
    assert "require-trusted-types-for 'script'" in policy and "trusted-types lit-html" in policy
    assert "x-frame-options" not in page.headers
    assert page.headers.get_list("content-security-policy") == [policy]
    assert '<html lang="de">' in page.text and f'host-origins="{PARTNER}"' in page.text
    assert 'career-stage="mid&quot; onload=&quot;x"' in page.text  # attributes are escaped
    assert f'integrity="{bundle().integrity}"' in page.text
    assert "<script>" not in page.text  # no inline script
    for params in ({"key": "mck_000000000000_nope"}, {}):
        refused = await client.get("/embed/v1/recommender.html", params=params)
        assert refused.status_code == 403
        assert refused.headers["x-frame-options"] == "DENY"
    odd = await client.get("/embed/v1/recommender.html", params={"key": key, "lang": "xx"})
    assert odd.status_code == 400


async def test_other_pages_still_refuse_to_be_framed(client: Client) -> None:
    answer = await client.get("/embed/v1/recommender.js")
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["content-security-policy"] == "frame-ancestors 'none'"
