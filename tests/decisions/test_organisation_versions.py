"""Publishing refuses a PUT without If-Match before anything else, history pages in SQL, and
an organisation keeps at most MAX_VERSIONS policy versions."""

import asyncpg

from service.domain.organisations.service import MAX_VERSIONS
from tests.decisions.test_organisations import Client, auth, keys, production  # noqa: F401


async def test_a_put_without_if_match_is_refused_before_its_body_is_read(
    production: Client,  # noqa: F811
    keys: dict[str, tuple[str, str]],  # noqa: F811
) -> None:
    path = f"/v1/organisations/{keys['acme'][0]}/policy"
    admin = auth(keys, "acme_admin")
    # A body that is not even JSON, and one no recommendation could be made under: still 428.
    for body in (b"{not json", b'{"not_offered": ["no-such-variant"]}'):
        refused = await production.put(path, content=body, headers=admin)
        assert refused.status_code == 428, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")


async def test_history_pages_newest_first_and_versions_stop_at_the_cap(
    production: Client,  # noqa: F811
    keys: dict[str, tuple[str, str]],  # noqa: F811
    database_url: str,
) -> None:
    acme = keys["acme"][0]
    path = f"/v1/organisations/{acme}/policy"
    admin = auth(keys, "acme_admin")
    connection = await asyncpg.connect(database_url)
    try:  # MAX_VERSIONS - 1 published versions, each a different note
        await connection.execute(
            "INSERT INTO organisation_policies (organisation, version, document, published_by) "
            "SELECT $1, v, jsonb_build_object('note', 'v' || v), 'seed' "
            "FROM generate_series(1, $2::int) AS v",
            acme,
            MAX_VERSIONS - 1,
        )
    finally:
        await connection.close()

    seen: list[int] = []
    cursor = None
    for _ in range(3):
        query = {"limit": 2} if cursor is None else {"limit": 2, "cursor": cursor}
        page = await production.get(f"{path}/history", params=query, headers=admin)
        assert page.status_code == 200, page.text
        seen += [item["version"] for item in page.json()["items"]]
        cursor = page.json()["next_cursor"]
    assert seen == list(range(MAX_VERSIONS - 1, MAX_VERSIONS - 7, -1))
    assert (await production.get(f"{path}/history", params={"limit": 1}, headers=admin)).json()[
        "items"
    ][0]["document"]["note"] == f"v{MAX_VERSIONS - 1}"
    bad = await production.get(f"{path}/history", params={"cursor": "nonsense"}, headers=admin)
    assert bad.status_code == 400

    etag = (await production.get(path, headers=admin)).headers["etag"]
    last = await production.put(path, json={"note": "last"}, headers={**admin, "If-Match": etag})
    assert last.status_code == 201 and last.json()["version"] == MAX_VERSIONS
    over = await production.put(
        path, json={"note": "one more"}, headers={**admin, "If-Match": last.headers["etag"]}
    )
    assert over.status_code == 409, over.text
    assert over.json()["code"] == "policy-versions-exhausted"
    # Another organisation's history and cap are its own.
    globex = f"/v1/organisations/{keys['globex'][0]}/policy"
    other = auth(keys, "globex_admin")
    assert (await production.get(f"{globex}/history", headers=other)).json()["items"] == []
    mine = await production.put(globex, json={"note": "first"}, headers={**other, "If-Match": "*"})
    assert mine.status_code == 201 and mine.json()["version"] == 1
