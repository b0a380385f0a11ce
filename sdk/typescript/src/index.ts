// The package's entry point: the generated client (src/client, `make sdk`) as it is.
export * from "./client";
export { client } from "./client/client.gen";
export { createClient, createConfig } from "./client/client";
