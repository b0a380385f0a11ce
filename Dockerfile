#
# mentoring-coaching-service: production image.
#
# Build:   make image   (docker, podman or buildah, whichever is installed; tools/image.py)
#          docker build -t mentoring-coaching:dev .
# Serve:   docker run --rm -p 8000:8000 -e DATABASE_URL=... mentoring-coaching:dev
#          (granian, ASGI, uvloop: the API on PORT, GET /metrics on METRICS_PORT, JSON logs)
# Migrate: run migrations + the content load as a separate one-off container
#          (the Helm chart does it in a pre-install/pre-upgrade Job):
#            docker run --rm -e DATABASE_URL=... mentoring-coaching:dev python -m service db upgrade
#
# DATABASE_URL and every other secret are supplied at run time only; none is baked in.
# Layout follows astral-sh/uv-docker-example (multistage.Dockerfile). No `# syntax=` line:
# it would make BuildKit fetch a frontend image from a registry before anything else.
#
# The base image and uv are build arguments. PYTHON_BASE must provide `python3` (3.11) and
# Debian's apt; where no registry is reachable, `make image` makes such a base with
# debootstrap. uv comes from PyPI, the only index the build uses besides the base's registry
# and Debian's mirror (for tini). The Makefile reads UV_VERSION from this file.
ARG PYTHON_BASE=python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d
ARG UV_VERSION=0.13.9

# ---------------------------------------------------------------------------
# Builder: resolve the locked dependencies into /app/.venv.
# ---------------------------------------------------------------------------
FROM ${PYTHON_BASE} AS builder
ARG UV_VERSION

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=0 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# uv from PyPI, and binutils for `strip` (below). Behind a TLS-inspecting proxy, pass the
# CA bundle the host trusts as the build secret `ca` (`--secret
# id=ca,src=/etc/ssl/certs/ca-certificates.crt`; `make image` does): this stage's downloads
# use it, and it is never stored in a layer.
# hadolint ignore=DL3008
RUN --mount=type=secret,id=ca \
    apt-get update \
    && apt-get install -y --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/* \
    && if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi \
    && python3 -m venv /opt/uv \
    && /opt/uv/bin/pip install --no-cache-dir "uv==${UV_VERSION}"

WORKDIR /app

# Dependencies first (cached until uv.lock / pyproject.toml change). Only what production
# runs: no development tools, no embedded PostgreSQL (the `embedded` group), and not
# litestar's test-data factories (polyfactory and Faker, 26 MB), which the service never
# imports (make test-image runs the image). Some wheels' libraries carry debug sections,
# stripped here (uvloop's 13.6 MB library is 1.6 MB without them).
RUN --mount=type=secret,id=ca \
    --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=/app/uv.lock \
    --mount=type=bind,source=pyproject.toml,target=/app/pyproject.toml \
    if [ -s /run/secrets/ca ]; then export SSL_CERT_FILE=/run/secrets/ca; fi \
    && /opt/uv/bin/uv sync --frozen --no-default-groups --no-install-project \
       --no-install-package polyfactory --no-install-package faker \
    && find /app/.venv -name "*.so*" -type f -exec strip --strip-debug {} +

# Then the project itself, byte-compiled like its dependencies: the image's root is
# read-only, so what is not compiled here would be compiled again at every start. Babel's
# CLDR data is kept for the content's locales (content/locales/*.yaml, with their regional
# variants and `root`) only: the other 1,100 locales are 33 MB the service never reads.
COPY pyproject.toml uv.lock README.md alembic.ini ./
COPY service ./service
COPY migrations ./migrations
COPY content ./content
RUN --mount=type=secret,id=ca \
    --mount=type=cache,target=/root/.cache/uv \
    if [ -s /run/secrets/ca ]; then export SSL_CERT_FILE=/run/secrets/ca; fi \
    && /opt/uv/bin/uv sync --frozen --no-default-groups \
       --no-install-package polyfactory --no-install-package faker \
    && /app/.venv/bin/python -m compileall -q -j 0 --invalidation-mode unchecked-hash \
       service migrations \
    && /app/.venv/bin/python -c "import pathlib, babel; \
keep = {'root', *(p.stem for p in pathlib.Path('content/locales').glob('*.yaml'))}; \
data = pathlib.Path(babel.__file__).parent / 'locale-data'; \
[f.unlink() for f in data.glob('*.dat') if f.stem.split('_')[0] not in keep]"

# ---------------------------------------------------------------------------
# Runtime: the same base, no uv, no build tools, non-root.
# ---------------------------------------------------------------------------
FROM ${PYTHON_BASE} AS runtime

LABEL org.opencontainers.image.title="mentoring-coaching-service" \
      org.opencontainers.image.description="Mentoring vs coaching content and recommendations API (REST + GraphQL)" \
      org.opencontainers.image.licenses="Proprietary" \
      io.mentoring-coaching.migrate-command="python -m service db upgrade"

# tini reaps zombies and forwards SIGTERM to granian (graceful shutdown). apt-get installs
# the version Debian's mirror has at build time: the base's digest fixes the base's own
# files, not what is installed on top of it.
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
    METRICS_PORT=9100 \
    WORKERS=1

WORKDIR /app
USER 10001:10001
EXPOSE 8000 9100

# The API answers /health/live on PORT. The webhook worker (`python -m service worker`) has
# no HTTP port: its container lives exactly as long as the worker (tini exits with it), so
# the check passes whenever PID 1 is not running granian.
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; b'granian' in open('/proc/1/cmdline', 'rb').read() and u.urlopen('http://127.0.0.1:%s/health/live' % os.environ.get('PORT', '8000'), timeout=2)"]

ENTRYPOINT ["/usr/bin/tini", "--"]
# sh -c so that PORT/WORKERS/HOST are expanded at start; exec so granian replaces the shell
# and receives signals from tini directly. --log-config: granian's own lines are JSON too.
CMD ["sh", "-c", "exec granian --interface asgi --loop uvloop --host \"${HOST:-0.0.0.0}\" --port \"${PORT:-8000}\" --workers \"${WORKERS:-1}\" --respawn-failed-workers --respawn-interval 1 --log-config /app/service/cli/granian_logging.json service.app:app"]
