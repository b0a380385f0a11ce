// Apollo Client against a production server: plain queries with a secret key, automatic
// persisted queries, and a persisted query manifest registered for an organisation whose
// publishable key then runs it (and nothing else).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { generatePersistedQueryIdsFromManifest } from "@apollo/persisted-query-lists";
import { map } from "rxjs";

import { TERM, VARIANT_PICKER } from "./apollo-documents.js";
import {
  ACME,
  GLOBEX,
  GRAPHQL,
  browserHeaders,
  readJson,
  recordingFetch,
  register,
  secretHeaders,
  type CostReport,
  type Sent,
} from "./live.js";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
const README_QUERY = gql`
  {
    variants(first: 3) {
      items {
        slug
        name
        linkedTerm {
          name
        }
      }
      nextCursor
    }
  }
`;

function apollo(headers: Record<string, string>, links: ApolloLink[], sent: Sent[] = []) {
  const http = new HttpLink({ uri: GRAPHQL, headers, fetch: recordingFetch(sent) });
  return new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.from([...links, http]) });
}

/** A link that keeps each answer's `extensions.cost`: how a screen reads its budget. */
function costLink(costs: CostReport[]): ApolloLink {
  return new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      map((result) => {
        const cost = result.extensions?.cost as CostReport | undefined;
        if (cost) costs.push(cost);
        return result;
      }),
    ),
  );
}

function codeOf(error: unknown): unknown {
  assert.ok(CombinedGraphQLErrors.is(error), `expected GraphQL errors, got ${String(error)}`);
  return error.errors[0]?.extensions?.code;
}

test("Apollo Client sends any query with a secret key and reads its cost", async () => {
  const costs: CostReport[] = [];
  const client = apollo(secretHeaders(ACME), [costLink(costs)]);
  const { data } = await client.query({ query: README_QUERY });
  const page = (data as { variants: { items: { slug: string }[] } }).variants;
  assert.equal(page.items.length, 3);
  assert.equal(costs[0]?.requested, 7);
  assert.ok(costs[0].remaining < costs[0].limit && costs[0].resetSeconds >= 1);
});

test("Apollo's persisted-queries link registers a query, then sends only its hash", async () => {
  const sent: Sent[] = [];
  const link = () => new PersistedQueryLink({ sha256 });
  const first = apollo(secretHeaders(ACME), [link()], sent);
  const variables = { slug: "peer-coaching", locale: "fr" };
  const one = await first.query({ query: TERM, variables });
  assert.deepEqual(
    sent.map((s) => [Boolean(s.body?.query), Boolean(s.body?.extensions)]),
    [
      [false, true], // the hash alone: PERSISTED_QUERY_NOT_FOUND
      [true, true], // the query with its hash: registered for the organisation
    ],
  );
  const second = apollo(secretHeaders(ACME), [link()], sent); // a new page load
  const two = await second.query({ query: TERM, variables });
  assert.equal(sent.length, 3);
  assert.equal(sent[2].body?.query, undefined);
  assert.deepEqual(two.data, one.data);
});

test("a registered Apollo manifest runs for its organisation's publishable key only", async () => {
  const manifest = readJson<{ operations: { id: string; name: string; body: string }[] }>(
    process.env.APOLLO_MANIFEST ?? "",
  );
  const registered = manifest.operations.find((o) => o.name === "ApolloVariantPicker");
  assert.ok(registered, "the manifest names each operation");
  assert.ok(registered.body.includes("__typename"), "the manifest holds what the client sends");
  assert.equal(registered.id, sha256(registered.body));
  await register(ACME, "apollo-web", manifest);
  const ids = () => new PersistedQueryLink(generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest }));

  const sent: Sent[] = [];
  const page = apollo(browserHeaders(ACME), [ids()], sent);
  const { data } = await page.query({ query: VARIANT_PICKER, variables: { locale: "de" } });
  const variants = (data as { variants: { items: unknown[] } }).variants;
  assert.equal(variants.items.length, 5);
  assert.equal(sent[0].body?.query, undefined); // the id alone

  const unregistered = apollo(browserHeaders(ACME), []);
  const refused = await unregistered.query({ query: README_QUERY, errorPolicy: "all" });
  assert.equal(codeOf(refused.error), "PERSISTED_QUERY_NOT_IN_LIST");

  const otherOrganisation = apollo(browserHeaders(GLOBEX), [ids()]);
  const theirs = await otherOrganisation.query({
    query: VARIANT_PICKER,
    variables: { locale: "de" },
    errorPolicy: "all",
  });
  assert.equal(codeOf(theirs.error), "PERSISTED_QUERY_NOT_IN_LIST");
  assert.equal(theirs.data, undefined);
});
