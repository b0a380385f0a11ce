"""The chart's values take effect in the service, its pods are selected by what is meant to
select them, metrics stay off the Ingress, and the connection budget fits max_connections."""

import re
from collections.abc import Iterator
from typing import Any

import helm_python as helm
import pytest
import yaml

from service.config import Environment, Settings, get_settings
from tests.deploy.test_helm_chart import (
    CHART_DIR,
    DEFAULT_VALUES,
    NAMESPACE,
    RELEASE,
    Manifest,
    _merge,
    api_deployment,
    api_service,
    by_kind,
    metrics_service,
    one,
    production_values,
    render,
)

# Every key of `config` in values.yaml: a value unlike the default, the setting it must
# reach, and what that setting must then be.
CONFIG_EFFECTS: dict[str, tuple[Any, str, Any]] = {
    "serviceEnv": ("development", "service_env", Environment.DEVELOPMENT),
    "logLevel": ("WARNING", "log_level", "WARNING"),
    "workers": (3, "workers", 3),
    "dbPoolSize": (7, "db_pool_size", 7),
    "dbMaxOverflow": (3, "db_max_overflow", 3),
    "dbPoolTimeoutSeconds": (4.5, "db_pool_timeout_seconds", 4.5),
    "dbConnectTimeoutSeconds": (2.5, "db_connect_timeout_seconds", 2.5),
    "dbStatementTimeoutMs": (1234, "db_statement_timeout_ms", 1234),
    "contentPollSeconds": (17, "content_poll_seconds", 17.0),
    "corsOrigins": ("https://hr.example.com", "cors_origins", "https://hr.example.com"),
    "rateLimitRequests": (3, "rate_limit_requests", 3),
    "rateLimitWindowSeconds": (30, "rate_limit_window_seconds", 30),
    "otelExporterOtlpEndpoint": (
        "http://collector:4318",
        "otel_exporter_otlp_endpoint",
        "http://collector:4318",
    ),
    "otelServiceName": ("hr-api", "otel_service_name", "hr-api"),
    "trustedProxies": ("10.42.0.0/16", "trusted_proxies", "10.42.0.0/16"),
    "publicBaseUrl": ("https://api.example.com", "public_base_url", "https://api.example.com"),
}


PATHS = [{"path": "/", "pathType": "Prefix"}]


def test_behind_the_ingress_forwarded_addresses_and_the_public_origin_are_set(
    chart: helm.Chart, environment: pytest.MonkeyPatch
) -> None:
    """Red team: behind the chart's ingress every visitor shared one per-address budget
    (TRUSTED_PROXIES unset); the embed page's origin came from `Host` (PUBLIC_BASE_URL)."""
    values = _merge(
        DEFAULT_VALUES,
        {"ingress": {"enabled": True, "hosts": [{"host": "hr-api.example.com", "paths": PATHS}]}},
    )
    values["ingress"]["tls"] = [{"hosts": ["hr-api.example.com"], "secretName": "tls"}]
    manifests = render(chart, values)
    container = api_deployment(manifests)["spec"]["template"]["spec"]["containers"][0]
    settings = settings_of(container, one(manifests, "ConfigMap"), environment)
    assert settings.public_base_url == "https://hr-api.example.com"
    networks = {str(network) for network in settings.trusted_proxy_networks}
    assert {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"} == networks
    without_ingress = render(chart, DEFAULT_VALUES)
    assert one(without_ingress, "ConfigMap")["data"]["TRUSTED_PROXIES"] == ""


@pytest.fixture(scope="module")
def chart() -> Iterator[helm.Chart]:
    with helm.Chart.load(CHART_DIR) as loaded:
        yield loaded


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


def settings_of(
    container: dict[str, Any], configmap: Manifest, env: pytest.MonkeyPatch
) -> Settings:
    """The settings the service reads in `container`: ConfigMap (envFrom) and its env."""
    values = dict(configmap["data"])
    from_secrets = {
        "DATABASE_URL": "postgresql://from-the-secret/db",
        "DECISION_ID_KEYS": "k1:" + "s" * 40,
    }
    for entry in container.get("env", []):
        values[entry["name"]] = entry.get("value", from_secrets.get(entry["name"], ""))
    for name, value in values.items():
        env.setenv(name, value)
    return get_settings()


def test_every_config_value_reaches_its_setting(
    chart: helm.Chart, environment: pytest.MonkeyPatch
) -> None:
    defaults = yaml.safe_load((CHART_DIR / "values.yaml").read_text())
    assert set(CONFIG_EFFECTS) == set(defaults["config"]), "a config value without a setting"
    values = _merge(
        DEFAULT_VALUES,
        {
            "config": {key: value for key, (value, _, _) in CONFIG_EFFECTS.items()},
            "containerPort": 8080,
            "metrics": {"port": 9200},
            "database": {"maxConnections": 1000},
        },
    )
    manifests = render(chart, values)
    container = api_deployment(manifests)["spec"]["template"]["spec"]["containers"][0]
    settings = settings_of(container, one(manifests, "ConfigMap"), environment)
    for key, (_, attribute, expected) in CONFIG_EFFECTS.items():
        assert getattr(settings, attribute) == expected, key
    assert settings.port == 8080 == container["ports"][0]["containerPort"]
    assert settings.metrics_port == 9200
    assert settings.webhook_worker_in_service is True
    assert settings.load_content_on_start is False


def test_the_webhook_worker_value_turns_the_in_service_worker_off(
    chart: helm.Chart, environment: pytest.MonkeyPatch
) -> None:
    manifests = render(chart, production_values())
    container = api_deployment(manifests)["spec"]["template"]["spec"]["containers"][0]
    assert (
        settings_of(container, one(manifests, "ConfigMap"), environment).webhook_worker_in_service
        is False
    )


# --------------------------------------------------------------------------- selectors


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return selector.items() <= labels.items()


@pytest.mark.parametrize("values", ["default", "production"])
def test_migration_pods_are_outside_every_api_selector(chart: helm.Chart, values: str) -> None:
    manifests = render(chart, DEFAULT_VALUES if values == "default" else production_values())
    job_labels = one(manifests, "Job")["spec"]["template"]["metadata"]["labels"]
    assert job_labels["app.kubernetes.io/component"] == "migrations"
    selectors = {
        "Deployment": api_deployment(manifests)["spec"]["selector"]["matchLabels"],
        "Service": api_service(manifests)["spec"]["selector"],
        "metrics Service": metrics_service(manifests)["spec"]["selector"],
        "PodDisruptionBudget": one(manifests, "PodDisruptionBudget")["spec"]["selector"][
            "matchLabels"
        ],
    }
    # The HPA scales the Deployment, whose selector is checked above.
    for hpa in by_kind(manifests, "HorizontalPodAutoscaler"):
        assert (
            hpa["spec"]["scaleTargetRef"]["name"] == api_deployment(manifests)["metadata"]["name"]
        )
    assert {name for name, selector in selectors.items() if selects(selector, job_labels)} == set()
    api_labels = api_deployment(manifests)["spec"]["template"]["metadata"]["labels"]
    assert all(selects(selector, api_labels) for selector in selectors.values())


@pytest.mark.parametrize("values", ["default", "production"])
def test_pods_get_no_service_links(chart: helm.Chart, values: str) -> None:
    """Kubernetes would add FOO_SERVICE_HOST/FOO_PORT for every Service in the namespace."""
    manifests = render(chart, DEFAULT_VALUES if values == "default" else production_values())
    pods = [m["spec"]["template"]["spec"] for m in manifests if m["kind"] in ("Deployment", "Job")]
    assert len(pods) == (2 if values == "default" else 3)
    assert all(pod["enableServiceLinks"] is False for pod in pods)


# --------------------------------------------------------------------------- metrics


def test_metrics_have_a_port_the_ingress_does_not_route(chart: helm.Chart) -> None:
    manifests = render(chart, production_values())
    data = one(manifests, "ConfigMap")["data"]
    container = api_deployment(manifests)["spec"]["template"]["spec"]["containers"][0]
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    assert ports["metrics"] == int(data["METRICS_PORT"]) != ports["http"] == int(data["PORT"])
    metrics = metrics_service(manifests)
    assert metrics["spec"]["type"] == "ClusterIP"
    assert [p["targetPort"] for p in metrics["spec"]["ports"]] == ["metrics"]
    assert "metrics" not in {p["targetPort"] for p in api_service(manifests)["spec"]["ports"]}
    ingress = one(manifests, "Ingress")
    backends = [
        path["backend"]["service"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    ]
    assert backends and all(
        b["name"] == api_service(manifests)["metadata"]["name"] and b["port"] == {"name": "http"}
        for b in backends
    )
    (endpoint,) = one(manifests, "ServiceMonitor")["spec"]["endpoints"]
    assert endpoint["port"] == metrics["spec"]["ports"][0]["name"]


def test_metrics_cannot_share_the_api_port(chart: helm.Chart) -> None:
    values = _merge(DEFAULT_VALUES, {"metrics": {"port": 8000}})
    with pytest.raises(helm.HelmError, match=r"metrics\.port must differ from containerPort"):
        chart.render(values, name=RELEASE, namespace=NAMESPACE)


def test_only_the_monitoring_namespace_reaches_the_metrics_port(chart: helm.Chart) -> None:
    policy = one(render(chart, production_values()), "NetworkPolicy")
    (rule,) = [
        r for r in policy["spec"]["ingress"] if {"port": "metrics", "protocol": "TCP"} in r["ports"]
    ]
    assert rule["from"] == production_values()["networkPolicy"]["metricsFrom"]
    namespaces = [peer["namespaceSelector"]["matchLabels"] for peer in rule["from"]]
    assert namespaces == [{"kubernetes.io/metadata.name": "monitoring"}]


# --------------------------------------------------------------------------- connection budget


def budget(values: dict[str, Any]) -> int:
    """docs/operations.md's formula, computed here from the values."""
    defaults = yaml.safe_load((CHART_DIR / "values.yaml").read_text())
    merged = _merge(defaults, values)
    config = merged["config"]
    pool = config["dbPoolSize"] + config["dbMaxOverflow"]
    worker_enabled = merged["webhookWorker"]["enabled"]

    def with_surge(replicas: int, surge: str | int) -> int:
        if isinstance(surge, str):
            return replicas + -(-replicas * int(surge.rstrip("%")) // 100)
        return replicas + surge

    scaling = merged["autoscaling"]
    api_replicas = scaling["maxReplicas"] if scaling["enabled"] else merged["replicaCount"]
    api_pods = with_surge(api_replicas, merged["updateStrategy"]["rollingUpdate"]["maxSurge"])
    api = api_pods * config["workers"] * (pool + 1 + (0 if worker_enabled else 4))
    worker = (
        with_surge(merged["webhookWorker"]["replicaCount"], "25%") * (pool + 4)
        if worker_enabled
        else 0
    )
    return api + worker + (1 if merged["migrations"]["enabled"] else 0)


def notes(chart: helm.Chart, values: dict[str, Any]) -> str:
    rendered = chart.render(values, name=RELEASE, namespace=NAMESPACE, is_install=True)
    return next(text for path, text in rendered.items() if path.endswith("NOTES.txt"))


@pytest.mark.parametrize("values", ["default", "production"])
def test_the_shipped_values_fit_their_max_connections(chart: helm.Chart, values: str) -> None:
    chosen = DEFAULT_VALUES if values == "default" else production_values()
    total = budget(chosen)
    assert (total, values) in {(61, "default"), (241, "production")}
    found = re.search(r"PostgreSQL connections at most: (\d+)", notes(chart, chosen))
    assert found and int(found.group(1)) == total


def test_values_over_the_budget_are_refused(chart: helm.Chart) -> None:
    """The CI example's old values: (12 + 3) x 2 x 11 + 3 x 14 + 1 = 373 > 100 - 10."""
    values = _merge(
        production_values(),
        {"config": {"dbPoolSize": 5, "dbMaxOverflow": 5}, "database": {"maxConnections": 100}},
    )
    assert budget(values) == 373
    with pytest.raises(helm.HelmError, match=r"connection budget: 373 connections \(API 330"):
        chart.render(values, name=RELEASE, namespace=NAMESPACE)
    fits = _merge(values, {"database": {"maxConnections": 383}})
    assert "PostgreSQL connections at most: 373" in notes(chart, fits)


@pytest.mark.parametrize(
    "override",
    [
        {"webhookWorker": {"enabled": False}},
        {"autoscaling": {"enabled": False}, "replicaCount": 5},
        {"updateStrategy": {"rollingUpdate": {"maxSurge": 2}}},
        {"updateStrategy": {"rollingUpdate": {"maxSurge": "50%"}}},
        {"migrations": {"enabled": False}},
        {"config": {"workers": 1, "dbPoolSize": 20, "dbMaxOverflow": 0}},
    ],
)
def test_the_budget_follows_every_value_it_depends_on(
    chart: helm.Chart, override: dict[str, Any]
) -> None:
    values = _merge(_merge(production_values(), {"database": {"maxConnections": 5000}}), override)
    found = re.search(r"PostgreSQL connections at most: (\d+)", notes(chart, values))
    assert found and int(found.group(1)) == budget(values)
