// urql with @urql/exchange-persisted: automatic persisted queries with a secret key, and
// codegen's persisted documents enforced for a publishable key.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Client, fetchExchange, gql } from "@urql/core";
import { persistedExchange } from "@urql/exchange-persisted";

import { GlossaryDocument, documentId } from "./glossary.js";
import {
  ACME,
  GLOBEX,
  GRAPHQL,
  browserHeaders,
  readJson,
  recordingFetch,
  register,
  secretHeaders,
  type Sent,
} from "./live.js";

const TOPIC = gql`
  query UrqlTopic($slug: String!) {
    topic(slug: $slug) {
      slug
      title
    }
  }
`;

test("urql registers a query by the automatic persisted query protocol", async () => {
  const sent: Sent[] = [];
  const client = () =>
    new Client({
      url: GRAPHQL,
      exchanges: [persistedExchange({ preferGetForPersistedQueries: true }), fetchExchange],
      fetchOptions: { headers: secretHeaders(ACME) },
      fetch: recordingFetch(sent),
      requestPolicy: "network-only",
    });
  const first = await client().query(TOPIC, { slug: "core-goals" }).toPromise();
  assert.equal(first.error, undefined);
  assert.ok(first.data?.topic.title);
  assert.equal(sent[0].method, "GET"); // the hash alone, then the query to register it
  assert.ok(sent.length === 2 && (sent[1].body?.query || sent[1].url.includes("query=")));
  const again = await client().query(TOPIC, { slug: "core-goals" }).toPromise();
  assert.deepEqual(again.data, first.data);
  assert.equal(sent.length, 3);
  assert.ok(!sent[2].url.includes("query="));
});

test("urql with enforced persisted documents runs only the organisation's trusted ones", async () => {
  await register(ACME, "codegen-web", readJson(process.env.CODEGEN_MANIFEST ?? ""));
  const page = (headers: Record<string, string>) =>
    new Client({
      url: GRAPHQL,
      exchanges: [
        persistedExchange({
          enforcePersistedQueries: true,
          generateHash: async (_query, document) => documentId(document),
        }),
        fetchExchange,
      ],
      fetchOptions: { headers },
      requestPolicy: "network-only",
    });
  const variables = { search: "coaching", locale: "de", first: 5 };
  const mine = await page(browserHeaders(ACME)).query(GlossaryDocument, variables).toPromise();
  assert.equal(mine.error, undefined);
  assert.ok((mine.data?.terms?.items.length ?? 0) > 0);
  const theirs = await page(browserHeaders(GLOBEX)).query(GlossaryDocument, variables).toPromise();
  assert.equal(theirs.error?.graphQLErrors[0]?.extensions.code, "PERSISTED_QUERY_NOT_IN_LIST");
});
