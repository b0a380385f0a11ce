// graphql-codegen's client preset with persisted documents: generated from the production
// SDL, registered for an organisation, then run by `documentId` with its publishable key.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

import type { CodegenGlossaryQuery, CodegenGlossaryQueryVariables } from "./gql/graphql.js";
import { AspectDocument, GlossaryDocument, documentId } from "./glossary.js";
import {
  ACME,
  GLOBEX,
  GRAPHQL,
  browserHeaders,
  readJson,
  register,
  type CostReport,
  type Organisation,
} from "./live.js";

interface Answer<Data> {
  data?: Data | null;
  errors?: { message: string; extensions: { code: string } }[];
  extensions: { cost: CostReport };
}

/** What a front-end's fetch does with a persisted document: its id and the variables. */
async function run<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  org: Organisation,
): Promise<Answer<Data>> {
  const response = await fetch(GRAPHQL, {
    method: "POST",
    headers: { ...browserHeaders(org), "Content-Type": "application/json" },
    body: JSON.stringify({ documentId: documentId(document), variables }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Answer<Data>;
}

test("codegen's persisted documents run by id once registered, for that organisation only", async () => {
  const manifest = readJson<Record<string, string>>(process.env.CODEGEN_MANIFEST ?? "");
  for (const [id, body] of Object.entries(manifest)) {
    assert.equal(id, `sha256:${createHash("sha256").update(body).digest("hex")}`);
  }
  const variables: CodegenGlossaryQueryVariables = { search: "reverse mentor", locale: "es" };
  await register(ACME, "codegen-web", manifest); // what the build's CI does (urql's test too)
  const answer = await run(GlossaryDocument, variables, ACME);
  const terms: CodegenGlossaryQuery["terms"] | undefined = answer.data?.terms;
  assert.equal(terms?.items[0]?.slug, "reverse-mentoring");
  assert.equal(answer.extensions.cost.requested, 41);
  const aspect = await run(AspectDocument, { key: "duration", locale: "fr" }, ACME);
  assert.ok(aspect.data?.aspect?.name);

  const elsewhere = await run(GlossaryDocument, variables, GLOBEX);
  assert.equal(elsewhere.errors?.[0]?.extensions.code, "PERSISTED_QUERY_NOT_IN_LIST");
  assert.equal(elsewhere.data, undefined);
});
