// The generated TypeScript SDK against a live production server (tests/sdk/test_typescript_sdk.py
// compiles this with `tsc --strict` and runs it with the project's Node). Every check throws on
// failure; the last line printed is a JSON summary the Python test reads.
import {
  createClient,
  isProblem,
  createConfig,
  createRecommendation,
  createRecommendationBatch,
  createRecommendationIntake,
  createWebhook,
  deleteWebhook,
  exportCatalogue,
  getApproach,
  getAspect,
  getLiveness,
  distrustIssuer,
  getOrganisationPolicy,
  getProtectedResourceMetadata,
  getTrustedDocumentManifest,
  getReadiness,
  getRecommendationPolicy,
  getRecommendationPolicyCard,
  getRecommendationPolicyVersion,
  getRelease,
  getTerm,
  getTopic,
  getVariant,
  getWebhook,
  listApproaches,
  listAspects,
  listChanges,
  listLocales,
  listOrganisationPolicyVersions,
  listRecommendationPolicies,
  listReleases,
  listTrustedDocumentEvents,
  listTrustedDocumentManifests,
  listTrustedIssuerChanges,
  listTrustedIssuers,
  listTerms,
  listTopics,
  listVariants,
  listWebhookDeliveries,
  listWebhooks,
  pingWebhook,
  publishOrganisationPolicy,
  registerTrustedDocumentManifest,
  removeTrustedDocumentManifest,
  replayRecommendation,
  setTrustedDocumentsMode,
  type Situation,
  trustIssuer,
  type TermPage,
} from "../../sdk/typescript/src";

// The two Node globals used here (the SDK itself needs only fetch).
declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

type Answer = { response?: Response };
const statusOf = (answer: Answer): number => answer.response?.status ?? 0;
const headerOf = (answer: Answer, name: string): string | null =>
  answer.response?.headers.get(name) ?? null;

const baseUrl = required("BASE_URL");
const keys = {
  full: required("KEY"),
  readOnly: required("READ_ONLY_KEY"),
  burner: required("BURNER_KEY"),
  admin: required("ADMIN_KEY"),
};
const rateLimit = Number(required("RATE_LIMIT"));

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`failed: ${what}`);
}

function withKey(key?: string) {
  // Bearer only: the X-API-Key scheme would carry the same key a second time.
  return createClient(
    createConfig({ baseUrl, auth: (scheme) => (scheme.type === "http" ? key : undefined) }),
  );
}

const situation: Situation = {
  career_stage: "early",
  goals: ["career_navigation", "specific_skill"],
  horizon_weeks: 52,
  hours_per_week: 2,
  minutes_per_session: 60,
};

async function everyOperation(): Promise<number> {
  const client = withKey(keys.full);
  let calls = 0;
  const count = <T>(value: T): T => {
    calls += 1;
    return value;
  };
  check(count((await getLiveness({ client })).data?.status) === "ok", "liveness");
  check(count((await getReadiness({ client })).data?.status) === "ready", "readiness");
  const approaches = count((await listApproaches({ client })).data);
  check(approaches?.items.map((a) => a.slug).join() === "mentoring,coaching", "approaches");
  check(count((await getApproach({ client, path: { slug: "coaching" } })).data)?.slug === "coaching", "approach");
  const aspects = count((await listAspects({ client, query: { limit: 100 } })).data)?.items ?? [];
  const aspect = count((await getAspect({ client, path: { key: aspects[0].key } })).data);
  check(aspect?.key === aspects[0].key, "aspect");
  const topics = count((await listTopics({ client })).data)?.items ?? [];
  check(count((await getTopic({ client, path: { slug: topics[0].slug } })).data)?.slug === topics[0].slug, "topic");
  const peers = count((await listVariants({ client, query: { relationship_shape: "peer" } })).data)?.items ?? [];
  check(peers.length > 0 && peers.every((v) => v.relationship_shape === "peer"), "variants filter");
  check(count((await getVariant({ client, path: { slug: peers[0].slug } })).data)?.slug === peers[0].slug, "variant");
  const term = count((await getTerm({ client, path: { slug: "reverse-mentoring" } })).data);
  check(term?.variant === "reverse-mentoring", "term");
  const locales = count((await listLocales({ client })).data);
  check(locales?.items.some((l) => l.code === "es"), "locales");
  check(count((await getRecommendationPolicy({ client })).data)?.version, "policy");
  const recommendation = count(await createRecommendation({ client, body: situation, query: { locale: "es-MX" } }));
  check(recommendation.data?.locale === "es", "recommendation in es");
  check(headerOf(recommendation, "content-language") === "es", "Content-Language");
  const step = count(await createRecommendationIntake({ client, body: { goals: situation.goals } }));
  check(step.data?.done === false && step.data.question.field === "horizon_weeks", "intake question");
  const batch = count(
    await createRecommendationBatch({
      client,
      body: { items: [situation, { ...situation, goals: [] }] },
      query: { detail: "summary" },
    }),
  );
  const items = batch.data?.items ?? [];
  check(items[0]?.result && items[1]?.problem?.status === 422, "batch: one result, one problem");
  check(items[1]?.problem?.errors[0]?.field === "goals", "batch item field error");
  const catalogue = count((await exportCatalogue({ client, headers: { "Accept-Language": "es-MX,es;q=0.9" } })).data);
  check(catalogue?.locale === "es", "export in es");

  // Decisions: the policy card, the released policies, and a replay of the answer above.
  const made = recommendation.data;
  check(made?.decision_id && made.policy_card, "decision id and policy card link");
  const card = count((await getRecommendationPolicyCard({ client, query: { locale: "es" } })).data);
  check(card?.locale === "es" && card.policy_version === made.policy_version, "policy card");
  const policies = count((await listRecommendationPolicies({ client })).data)?.items ?? [];
  check(policies.some((p) => p.version === made.policy_version), "released policies");
  const released = count(
    (await getRecommendationPolicyVersion({ client, path: { version: made.policy_version } })).data,
  );
  check(released?.version === made.policy_version, "released policy");
  const replayed = count(
    await replayRecommendation({
      client,
      body: {
        situation,
        policy_version: made.policy_version,
        content_version: made.content_version,
        locale: made.locale,
        decision_id: made.decision_id,
        organisation_policy_version: made.organisation_policy_version,
      },
    }),
  );
  check(replayed.data?.decision_id === made.decision_id, "replay: the same decision");

  // The organisation's policy: read it; publishing with a stale ETag is refused (412), so the
  // run leaves the organisation's policy as it found it.
  const organisation = { organisation: "default" };
  const policy = count(await getOrganisationPolicy({ client, path: organisation }));
  check(policy.data?.organisation === "default" && headerOf(policy, "etag"), "organisation policy");
  const versions = count(await listOrganisationPolicyVersions({ client, path: organisation }));
  check(Array.isArray(versions.data?.items), "organisation policy versions");
  const stale = count(
    await publishOrganisationPolicy({
      client: withKey(keys.admin),
      path: organisation,
      body: {},
      headers: { "If-Match": '"stale"' },
    }),
  );
  check(statusOf(stale) === 412 && stale.error?.status === 412, "publish with a stale ETag");

  // OAuth: the resource's metadata (RFC 9728); the organisation's trusted issuers, where an
  // issuer that is not https is refused before anything is fetched, and an unknown one is 404.
  const resource = count(await getProtectedResourceMetadata({ client }));
  check(resource.data?.resource && statusOf(resource) === 200, "protected resource metadata");
  const admin = withKey(keys.admin);
  const issuers = count(await listTrustedIssuers({ client: admin, path: organisation }));
  check(Array.isArray(issuers.data?.items), "trusted issuers");
  const plainHttp = count(
    await trustIssuer({ client: admin, path: organisation, body: { issuer: "http://idp.example" } }),
  );
  check(statusOf(plainHttp) === 400 && plainHttp.error?.status === 400, "an issuer must be https");
  const issuerChanges = count(await listTrustedIssuerChanges({ client: admin, path: organisation }));
  check(Array.isArray(issuerChanges.data?.items), "trusted issuer changes");
  const unknownIssuer = count(
    await distrustIssuer({ client: admin, path: { ...organisation, issuer_id: "unknown" } }),
  );
  check(statusOf(unknownIssuer) === 404, "distrust an unknown issuer");

  // Trusted GraphQL documents: a manifest as Apollo's generator writes it, read back, listed,
  // in the history, removed; the mode set to what it was (open for secret keys).
  const manifest = { ...organisation, manifest: "sdk-live" };
  const operation = "query SdkLive { approaches { items { slug } } }";
  const registered = count(
    await registerTrustedDocumentManifest({
      client: admin,
      path: manifest,
      body: {
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ id: await sha256(operation), body: operation, name: "SdkLive", type: "query" }],
      },
    }),
  );
  check(statusOf(registered) < 300, `manifest registered: ${JSON.stringify(registered.error)}`);
  check(statusOf(count(await getTrustedDocumentManifest({ client: admin, path: manifest }))) === 200, "manifest");
  const manifests = count(await listTrustedDocumentManifests({ client: admin, path: organisation }));
  check(statusOf(manifests) === 200, "manifests");
  const events = count(await listTrustedDocumentEvents({ client: admin, path: organisation }));
  check(statusOf(events) === 200, "trusted document events");
  const mode = count(
    await setTrustedDocumentsMode({
      client: admin,
      path: organisation,
      body: { trusted_only: false },
      headers: { "If-Match": headerOf(manifests, "etag") ?? "" },
    }),
  );
  check(statusOf(mode) < 300, `trusted documents mode: ${JSON.stringify(mode.error)}`);
  const removed = count(await removeTrustedDocumentManifest({ client: admin, path: manifest }));
  check(statusOf(removed) < 300, "manifest removed");

  // Releases and the change feed.
  const releases = count((await listReleases({ client })).data)?.items ?? [];
  check(releases.length > 0, "releases");
  const release = count((await getRelease({ client, path: { version: releases[0].version } })).data);
  check(release?.version === releases[0].version, "release");
  const changes = count((await listChanges({ client, query: { since: 0 } })).data);
  check(changes?.since === 0 && changes.next_since >= 0, "changes");

  // Webhooks (admin): a literal public address needs no name resolution; the subscription is
  // deleted before anything is delivered, and pinging it then is the documented 404.
  const created = count(
    (
      await createWebhook({
        client: admin,
        body: { url: "https://203.0.114.7/hooks/sdk-live", events: ["content.released"] },
      })
    ).data,
  );
  check(created?.id && created.secret, "webhook created, with its secret");
  const id = { webhook_id: created.id };
  check(count((await getWebhook({ client: admin, path: id })).data)?.id === created.id, "webhook");
  const hooks = count((await listWebhooks({ client: admin })).data)?.items ?? [];
  check(hooks.some((h) => h.id === created.id), "webhooks");
  const deliveries = count((await listWebhookDeliveries({ client: admin, path: id })).data);
  check(Array.isArray(deliveries?.items), "webhook deliveries");
  check(statusOf(count(await deleteWebhook({ client: admin, path: id }))) === 204, "webhook deleted");
  const ping = count(await pingWebhook({ client: admin, path: id }));
  check(statusOf(ping) === 404 && ping.error?.code === "not-found", "ping a deleted webhook");
  return calls;
}

async function pagingToTheEnd(): Promise<number> {
  const client = withKey(keys.full);
  const seen: string[] = [];
  let cursor: string | null | undefined = undefined;
  let pages = 0;
  do {
    const page: TermPage | undefined = (await listTerms({ client, query: { limit: 7, cursor } })).data;
    check(page, "a page");
    seen.push(...page.items.map((t) => t.slug));
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor);
  const all = (await exportCatalogue({ client })).data?.terms.map((t) => t.slug) ?? [];
  check(seen.join() === all.join() && pages > 1, "paging reaches every term once");
  return pages;
}

async function notModified(): Promise<void> {
  const client = withKey(keys.full);
  const first = await getTerm({ client, path: { slug: "reverse-mentoring" }, query: { locale: "es" } });
  const etag = headerOf(first, "etag");
  check(statusOf(first) === 200 && etag, "an ETag");
  const again = await getTerm({
    client,
    path: { slug: "reverse-mentoring" },
    query: { locale: "es" },
    headers: { "If-None-Match": etag },
  });
  check(statusOf(again) === 304 && again.data === undefined, "304 on a repeated GET");
  check(again.error !== undefined && !isProblem(again.error), "a 304's error is NotModified");
  check(headerOf(again, "etag") === etag, "the 304 carries the ETag");
}

async function problems(): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  const anonymous = await listTopics({ client: withKey(undefined) });
  check(isProblem(anonymous.error) && anonymous.error.code === "unauthorized", "401 problem");
  statuses.unauthorized = statusOf(anonymous);

  const refused = await createRecommendation({ client: withKey(keys.readOnly), body: situation });
  check(refused.error?.code === "forbidden", "403 problem");
  statuses.forbidden = statusOf(refused);

  const client = withKey(keys.full);
  const missing = await getTerm({ client, path: { slug: "unknown" } });
  check(isProblem(missing.error) && missing.error.code === "not-found", "404 problem");
  statuses.notFound = statusOf(missing);

  const invalid = await createRecommendation({ client, body: { ...situation, horizon_weeks: 9999 } });
  check(invalid.error?.errors?.map((e) => e.field).join() === "horizon_weeks", "422 field errors");
  statuses.invalid = statusOf(invalid);

  const burner = withKey(keys.burner);
  let last = await listLocales({ client: burner });
  for (let i = 0; i < rateLimit && statusOf(last) !== 429; i += 1) {
    last = await listLocales({ client: burner });
  }
  check(isProblem(last.error) && last.error.code === "rate-limited", "429 problem");
  check(Number(headerOf(last, "retry-after")) > 0, "Retry-After");
  statuses.rateLimited = statusOf(last);
  return statuses;
}

async function main(): Promise<void> {
  const pages = await pagingToTheEnd(); // listTerms, the one operation not called below
  const operations = (await everyOperation()) + 1;
  await notModified();
  const statuses = await problems();
  console.log(JSON.stringify({ operations, pages, notModified: 304, ...statuses }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
