"""The committed GraphQL schema with the tools integrators use: graphql-schema-linter with the
rule set of .graphql-schema-linterrc (docs/contract.md says why each omitted rule is omitted),
and graphql-codegen's client preset over the schema and the shipped persisted documents,
compiled with `tsc --strict`."""

import json
from pathlib import Path

import pytest

from service.api.graphql.controller import PERSISTED_QUERIES_FILE
from service.config import PROJECT_ROOT
from tools import node_tools

pytestmark = pytest.mark.slow
SCHEMA = PROJECT_ROOT / "openapi" / "schema.graphql"
# An integrator's recommendation document, and code that must (and must not) type-check.
RECOMMEND = """query Recommend($situation: SituationInput!, $locale: Locale) {
  recommend(situation: $situation, locale: $locale) {
    primary { approach variant headline }
    ranking { rank variant score }
  }
}"""
USAGE = """import type { RecommendQueryVariables, RecommendQuery } from "./gql/graphql";

export const ok: RecommendQueryVariables = {
  situation: {
    careerStage: "early",
    goals: ["career_navigation", "specific_skill"],
    horizonWeeks: 52,
    hoursPerWeek: 2,
    minutesPerSession: 60,
    context: { coachBudget: true },
  },
  locale: "es-MX",
};
export const unknownStage: RecommendQueryVariables = {
  // @ts-expect-error "earl" is not a CareerStage
  situation: { ...ok.situation, careerStage: "earl" },
};
type Vars = RecommendQueryVariables;
// @ts-expect-error horizonWeeks and minutesPerSession are required
export const incomplete: Vars = { situation: { careerStage: "mid", goals: [], hoursPerWeek: 1 } };
export const headline = (a: RecommendQuery): string | undefined => a.recommend?.primary.headline;
"""


def test_graphql_schema_linter_reports_nothing() -> None:
    done = node_tools.tool("graphql-schema-linter", str(SCHEMA))
    output = done.stdout + done.stderr
    assert done.returncode == 0 and "0 errors detected" in output, output


def test_codegen_client_preset_over_the_persisted_documents_compiles_strictly(
    tmp_path: Path,
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    persisted = json.loads(PERSISTED_QUERIES_FILE.read_text())
    for number, query in enumerate(persisted.values()):
        (documents / f"persisted_{number}.graphql").write_text(query)
    (documents / "recommend.graphql").write_text(RECOMMEND)
    (tmp_path / "usage.ts").write_text(USAGE)
    config = {
        "schema": str(SCHEMA),
        "documents": [f"{documents}/*.graphql"],
        "generates": {f"{tmp_path}/gql/": {"preset": "client", "config": {"enumsAsTypes": True}}},
    }
    (tmp_path / "codegen.json").write_text(json.dumps(config))
    # From the tools folder: codegen resolves the preset package from its working directory.
    done = node_tools.tool(
        "graphql-codegen", "--config", str(tmp_path / "codegen.json"), cwd=node_tools.TOOLS
    )
    assert done.returncode == 0, done.stdout + done.stderr
    generated = (tmp_path / "gql" / "graphql.ts").read_text()
    assert "export type SituationInput" in generated and "CareerStage" in generated
    modules = node_tools.NODE_MODULES
    tsconfig = {
        "compilerOptions": {
            "strict": True,
            "noEmit": True,
            "target": "ES2022",
            "module": "commonjs",
            "moduleResolution": "node10",
            "skipLibCheck": True,
            "types": [],
            "baseUrl": str(tmp_path),
            "paths": {"*": [f"{modules}/*", f"{modules}/@types/*"]},
        },
        "include": [f"{tmp_path}/gql/*.ts", f"{tmp_path}/usage.ts"],
    }
    (tmp_path / "tsconfig.json").write_text(json.dumps(tsconfig))
    compiled = node_tools.tool("tsc", "--project", str(tmp_path / "tsconfig.json"), "--strict")
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
