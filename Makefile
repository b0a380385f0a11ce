# Self-documenting: `make` or `make help` lists the targets with their descriptions.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# uv's version is the Dockerfile's (ARG UV_VERSION): one version for the image and here.
UV_VERSION := $(shell sed -n 's/^ARG UV_VERSION=//p' Dockerfile)
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
PYTEST_ARGS ?=

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==$(UV_VERSION)"

# Two installs: what the service needs to run (about 160 MB), and everything for tests, lint,
# contract, deploy checks and the benchmark (about 730 MB: Node, the Helm SDK, validators).
# `--inexact` keeps a full install full when `make run` follows `make test`.
.venv/.runtime: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet --no-dev --inexact
	touch $@

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@ .venv/.runtime

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

.PHONY: install
install: .venv/.synced ## Install Python and all dependencies, development tools included (uv, locked)

.PHONY: run
run: .venv/.runtime ## Serve on 127.0.0.1:$PORT (embedded PostgreSQL when DATABASE_URL is unset)
	$(PY) -m service run

.PHONY: test
test: .venv/.synced test-deps ## Run the whole test suite (embedded PostgreSQL unless TEST_DATABASE_URL is set)
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: .venv/.synced ## The edit-test loop: every test not marked slow (no server or other process started)
	$(PY) -m pytest -q -m "not slow" $(PYTEST_ARGS)

.PHONY: test-deps
test-deps: .venv/.synced ## Install what the tests run from Debian (Chromium, PgBouncer, wrk, h2load) if missing; apt-get, as root
	$(PY) -m tools.machine

.PHONY: contract
contract: .venv/.synced ## Schemathesis against a live server from openapi/openapi.json and schema.graphql
	$(PY) -m pytest -q -s tests/contract $(PYTEST_ARGS)

.PHONY: lint
lint: .venv/.synced ## ruff lint and format check, mypy --strict on service/
	.venv/bin/ruff check service migrations tests tools
	.venv/bin/ruff format --check service migrations tests tools
	.venv/bin/mypy

.PHONY: format
format: .venv/.synced ## Format and autofix with ruff
	.venv/bin/ruff format service migrations tests tools
	.venv/bin/ruff check --fix service migrations tests tools

.PHONY: openapi
openapi: .venv/.runtime ## Regenerate openapi/openapi.json (and openapi/schema.graphql)
	$(PY) -m service openapi

.PHONY: sdk
sdk: .venv/.synced ## Regenerate sdk/python and sdk/typescript from openapi/openapi.json (Node tools via npm ci)
	$(PY) -m tools.sdk

.PHONY: embed
embed: .venv/.synced ## Rebuild the embeddable recommender (embed/ -> service/static/embed/recommender.js; npm ci) and print its SRI hash
	$(PY) -m tools.embed

.PHONY: docs
docs: .venv/.runtime ## Regenerate docs/configuration.md and docs/policy-card.md
	$(PY) -m service config-docs
	$(PY) -m service.domain.decisions.card > docs/policy-card.md

.PHONY: migrate
migrate: .venv/.runtime ## Apply migrations and load the content (DATABASE_URL or embedded)
	$(PY) -m service db upgrade

.PHONY: bench
bench: .venv/.synced ## Benchmark the production configuration (~10 min): rates, p50/p99, ratios to bare Litestar and PostGraphile
	$(PY) -m bench --update-docs

.PHONY: bench-engine
bench-engine: .venv/.synced ## CPU per never-seen situation in-process (batch core + encoding, no server)
	$(PY) -m bench.engine_cpu

.PHONY: bench-requests
bench-requests: .venv/.synced ## CPU per request in-process, production settings, against bare Litestar (no server)
	$(PY) -m bench.requests_cpu

.PHONY: bench-tenants
bench-tenants: .venv/.synced ## CPU per never-seen recommendation, 1,000 organisations with policies round-robin against one (in-process)
	$(PY) -m bench.tenants_cpu

.PHONY: bench-smoke
bench-smoke: .venv/.synced ## The benchmark's ~30 s smoke (1 s per scenario, one round, no PostGraphile)
	$(PY) -m bench --smoke --results-dir $${TMPDIR:-/tmp}/bench-results

# The production image. `make image` uses docker, podman or buildah, whichever is here;
# `make test-image` builds with Debian's podman and runs the image against PostgreSQL.
IMAGE ?= mentoring-coaching:dev
IMAGE_ENGINE ?=
IMAGE_DEPS := podman buildah runc debootstrap
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: image-deps
image-deps: ## Install the Debian packages the image build and test need (podman, buildah, runc, debootstrap)
	@missing=$$(for package in $(IMAGE_DEPS); do \
	  dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q '^install ok installed$$' \
	    || echo $$package; done); \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install" $$missing; \
	  $(SUDO) apt-get update -qq \
	  && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

.PHONY: image
image: ## Build the production image as $IMAGE (a Debian base made with debootstrap when none can be pulled)
	python3 -m tools.image --tag $(IMAGE) $(if $(IMAGE_ENGINE),--engine $(IMAGE_ENGINE))

.PHONY: test-image
test-image: image-deps .venv/.synced ## Build the image with podman, run it read-only as uid 10001 against PostgreSQL (~2-4 min)
	python3 -m tools.image --engine podman --tag mentoring-coaching:test
	TEST_IMAGE=mentoring-coaching:test TEST_IMAGE_ENGINE=podman \
	  $(PY) -m pytest -q -s -p no:cacheprovider tests/deploy/test_image.py $(PYTEST_ARGS)
	podman image prune --force >/dev/null  # the build's untagged stages (~400 MB each run)

.PHONY: clean
clean: ## Remove the virtualenv, tools and the embedded database's data
	rm -rf .venv $(TOOLS) .data
