// A real OpenID provider (npm oidc-provider) for tests/oauth: one process serves several issuers,
// each on its own 127.0.0.1 port, for the client credentials grant with resource indicators
// (RFC 8707) and JWT access tokens (RFC 9068).
//
// Standard input: {"issuers": [{"name", "port" (0: any free one), "resource", "alg",
//   "keys": [private JWKs, the first signs], "clients": [{"client_id", "client_secret",
//   "scope"}]}]}
// Standard output: one line, {"name": "http://127.0.0.1:PORT", ...}, once every issuer listens.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { text } from 'node:stream/consumers';

import Provider from 'oidc-provider';

const SCOPES = ['content:read', 'recommend', 'admin'];

async function start(spec) {
  const server = createServer();
  server.listen(spec.port, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: spec.clients.map((client) => ({
      ...client,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: spec.alg,
    })),
    jwks: { keys: spec.keys },
    scopes: SCOPES,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => spec.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resourceIndicator) => {
          if (resourceIndicator !== spec.resource) {
            throw new Provider.errors.InvalidTarget();
          }
          return {
            scope: SCOPES.join(' '),
            audience: resourceIndicator,
            accessTokenTTL: 300,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: spec.alg } },
          };
        },
      },
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'ES256', 'EdDSA'] },
  });
  server.on('request', provider.callback());
  return [spec.name, issuer];
}

const config = JSON.parse(await text(process.stdin));
const issuers = Object.fromEntries(await Promise.all(config.issuers.map(start)));
process.stdout.write(`${JSON.stringify(issuers)}\n`);
