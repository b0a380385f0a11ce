// The package's entry point: the generated client (src/client, `make sdk`) as it is.
import type { Problem } from "./client/types.gen";

export * from "./client";
export { client } from "./client/client.gen";
export { createClient, createConfig } from "./client/client";
export type { NotModified } from "./client/types.gen";

/** Whether a call's `error` is a problem document (RFC 9457), not a 304's empty `NotModified`. */
export function isProblem(error: unknown): error is Problem {
  return typeof error === "object" && error !== null && "status" in error && "code" in error;
}
