"""The committed contract documents themselves: current, lint-clean, with valid examples."""

import json
import re
from typing import Any

import jsonschema
import pytest

from service.api.common.locale import locale_pattern, served_locale
from service.api.rest.docs import example_snapshot
from service.config import PROJECT_ROOT
from tools import node_tools

DOCUMENT = PROJECT_ROOT / "openapi" / "openapi.json"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads(DOCUMENT.read_text())


def examples(document: dict[str, Any]) -> list[tuple[str, dict[str, Any], Any]]:
    """(where, schema, value) for every example of every request and response body."""
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            bodies = [("request", operation.get("requestBody", {}))]
            bodies += [(status, answer) for status, answer in operation["responses"].items()]
            for status, body in bodies:
                for media in body.get("content", {}).values():
                    for name, example in media.get("examples", {}).items():
                        where = f"{method.upper()} {path} {status} {name}"
                        found.append((where, media["schema"], example["value"]))
    return found


def test_every_example_is_valid_against_its_schema(document: dict[str, Any]) -> None:
    found = examples(document)
    assert len(found) > 60
    for where, schema, value in found:
        # `#/components/...` references resolve against a root that carries the components.
        validator = jsonschema.Draft202012Validator(
            {**schema, "components": document["components"]}
        )
        problems = [error.message for error in validator.iter_errors(value)]
        assert not problems, f"{where}: {problems[:3]}"


def test_examples_are_named_and_404s_name_their_resource(document: dict[str, Any]) -> None:
    names = [where.rsplit(" ", 1)[1] for where, _, _ in examples(document)]
    assert not [name for name in names if re.search(r"example-\d+$", name)]
    for where, _, value in examples(document):
        if " 404 " in where:
            path, name = where.split()[1], where.rsplit(" ", 1)[1]
            kind = _NOT_FOUND_KINDS.get(path)
            if kind is None:  # content: /v1/terms/{slug} -> term
                collection = path.split("/")[2]
                kind = "approach" if collection == "approaches" else collection.removesuffix("s")
            assert name == f"{kind.replace(' ', '-')}-404", where
            assert value["detail"] == f"No {kind} with key 'unknown'.", where


# What each non-content 404 is about: the `NotFound` kind its handler raises.
_NOT_FOUND_KINDS = {
    "/.well-known/oauth-protected-resource": "protected resource",
    "/v1/organisations/{organisation}/issuers/{issuer_id}": "trusted issuer",
    "/v1/organisations/{organisation}/policy": "organisation",
    "/v1/organisations/{organisation}/policy/history": "organisation",
    "/v1/recommendations/policies/{version}": "policy version",
    "/v1/recommendations/policy-card": "policy version",
    "/v1/recommendations/replay": "archived content version",
    "/v1/releases/{version}": "release",
    "/v1/webhooks/{webhook_id}": "webhook",
    "/v1/webhooks/{webhook_id}/deliveries": "webhook",
    "/v1/webhooks/{webhook_id}/ping": "webhook",
}


def test_the_locale_rule_and_the_documented_pattern_agree() -> None:
    locales = example_snapshot().locales
    pattern = re.compile(locale_pattern(locales))
    for tag in ["es", "es-MX", "ES-mx", "fr-CA", "de-DE-1996", "en", "xx", "es_MX", "", "e", "es-"]:
        assert bool(pattern.search(tag)) == (served_locale(tag, locales) is not None), tag
    assert served_locale("es-MX", locales) == "es"


@pytest.mark.slow
def test_spectral_oas_rules_report_nothing() -> None:
    """`spectral:oas` with the one exception `.spectral.yaml` explains."""
    done = node_tools.tool(
        "spectral", "lint", "--ruleset", ".spectral.yaml", "-f", "json", "openapi/openapi.json"
    )
    start = done.stdout.find("[")
    assert start >= 0, done.stdout + done.stderr
    found, _ = json.JSONDecoder().raw_decode(done.stdout[start:])  # then a text summary
    assert found == [], [(f["code"], f["path"], f["message"]) for f in found]


@pytest.mark.slow
def test_redocly_recommended_rules_report_nothing() -> None:
    done = node_tools.tool("redocly", "lint", "openapi/openapi.json", "--format", "summary")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "error" not in output.split("validating", 1)[1].lower(), output
    assert "warning" not in output.split("validating", 1)[1].lower(), output


def test_the_document_is_current() -> None:
    from service.app import create_app
    from service.config import Settings

    fresh = create_app(
        Settings(database_url="postgresql://unused/unused")
    ).openapi_schema.to_schema()
    assert json.loads(json.dumps(fresh)) == json.loads(DOCUMENT.read_text()), "run `make openapi`"
