# syntax=docker/dockerfile:1.7
#
# mentoring-coaching-service: production image.
#
# Build:   docker build -t mentoring-coaching:dev .
# Serve:   docker run --rm -p 8000:8000 -e DATABASE_URL=... mentoring-coaching:dev
#          (default CMD: granian, ASGI interface, uvloop, PORT/WORKERS from env)
# Migrate: run migrations + the content load as a separate one-off container
#          (the Helm chart does it in a pre-install/pre-upgrade Job):
#            docker run --rm -e DATABASE_URL=... mentoring-coaching:dev python -m service db upgrade
#
# DATABASE_URL and every other secret are supplied at run time only; none is baked in.
# Layout follows astral-sh/uv-docker-example (multistage.Dockerfile).

# uv, pinned by version and digest; only its static binaries are copied into the builder.
FROM ghcr.io/astral-sh/uv:0.13.0@sha256:cdc6093146eb3ff6a40107b38f008b789e050e77ad87865e381d9917da55a168 AS uv

# ---------------------------------------------------------------------------
# Builder: resolve the locked dependencies into /app/.venv.
# ---------------------------------------------------------------------------
FROM python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d AS builder

COPY --from=uv /uv /uvx /bin/

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=0 \
    UV_PROJECT_ENVIRONMENT=/app/.venv

WORKDIR /app

# Dependencies first (cached until uv.lock / pyproject.toml change).
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-dev --no-install-project

# Then the project itself.
COPY pyproject.toml uv.lock README.md alembic.ini ./
COPY service ./service
COPY migrations ./migrations
COPY content ./content
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev

# ---------------------------------------------------------------------------
# Runtime: same pinned base, no uv, no build tools, non-root.
# ---------------------------------------------------------------------------
FROM python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d AS runtime

LABEL org.opencontainers.image.title="mentoring-coaching-service" \
      org.opencontainers.image.description="Mentoring vs coaching content and recommendations API (REST + GraphQL)" \
      org.opencontainers.image.licenses="Proprietary" \
      io.mentoring-coaching.migrate-command="python -m service db upgrade"

# tini reaps zombies and forwards SIGTERM to granian (graceful shutdown).
# The base image is pinned by digest, so the Debian package set is fixed with it.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin app

# Code and venv stay root-owned: the app user can read, never modify them.
COPY --from=builder /app /app

ENV PATH="/app/.venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SERVICE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    WORKERS=1

WORKDIR /app
USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:%s/health/live' % os.environ.get('PORT', '8000'), timeout=2)"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# sh -c so that PORT/WORKERS/HOST are expanded at start; exec so granian replaces the shell
# and receives signals from tini directly.
CMD ["sh", "-c", "exec granian --interface asgi --loop uvloop --host \"${HOST:-0.0.0.0}\" --port \"${PORT:-8000}\" --workers \"${WORKERS:-1}\" --respawn-failed-workers --respawn-interval 1 service.app:app"]
