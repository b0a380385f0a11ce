// What every live test shares: the server, the keys of two organisations, and fetch.
import { readFileSync } from "node:fs";

export interface Organisation {
  slug: string;
  admin: string; // admin key: registers the manifests
  secret: string; // content:read, from a server
  browser: string; // publishable key, for ORIGIN
}

export const BASE_URL = process.env.BASE_URL ?? "";
export const GRAPHQL = `${BASE_URL}/graphql`;
export const ORIGIN = process.env.ORIGIN ?? "";
export const ACME: Organisation = JSON.parse(process.env.ACME ?? "{}");
export const GLOBEX: Organisation = JSON.parse(process.env.GLOBEX ?? "{}");

export const secretHeaders = (org: Organisation): Record<string, string> => ({
  Authorization: `Bearer ${org.secret}`,
});
// What a browser sends from the partner's page: Node's fetch lets a test set Origin.
export const browserHeaders = (org: Organisation): Record<string, string> => ({
  Authorization: `Bearer ${org.browser}`,
  Origin: ORIGIN,
});

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf-8")) as T;
}

/** Register a manifest as a front-end build's CI would, with the organisation's admin key. */
export async function register(org: Organisation, name: string, manifest: unknown): Promise<number> {
  const response = await fetch(
    `${BASE_URL}/v1/organisations/${org.slug}/trusted-documents/manifests/${name}`,
    {
      method: "PUT",
      headers: { Authorization: `Bearer ${org.admin}`, "Content-Type": "application/json" },
      body: JSON.stringify(manifest),
    },
  );
  if (response.status >= 300) {
    throw new Error(`registering ${name}: ${response.status} ${await response.text()}`);
  }
  return response.status;
}

export interface Sent {
  method: string;
  body: Record<string, unknown> | null;
  url: string;
}

/** fetch, recording what each request sent (to see the persisted-query protocols at work). */
export function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const text = typeof init?.body === "string" ? init.body : null;
    sent.push({ method: init?.method ?? "GET", body: text ? JSON.parse(text) : null, url });
    return fetch(input, init);
  };
}

export interface CostReport {
  requested: number;
  maximum: number;
  limit: number;
  remaining: number;
  resetSeconds: number;
}
