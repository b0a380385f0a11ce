"""Render the Helm chart in-process (helm-python-sdk, no helm binary, no cluster) and check it.

Every rendered manifest is validated with kubernetes-validate in strict mode against the
Kubernetes version below; CRD-backed kinds (the ServiceMonitor) have no schema there and are
asserted on directly instead.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import helm_python as helm
import jsonschema
import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART_DIR = ROOT / "helm"
PRODUCTION_VALUES = CHART_DIR / "ci" / "production-values.yaml"

K8S_VERSION = "1.31.0"
RELEASE = "mc"
NAMESPACE = "hr"
SECRET = "mentoring-coaching-db"
# Kinds served by CRDs: kubernetes-validate ships no schema for them.
CRD_KINDS = {("monitoring.coreos.com/v1", "ServiceMonitor")}

DEFAULT_VALUES: dict[str, Any] = {
    "database": {"existingSecret": SECRET},
    "decisionIds": {"existingSecret": "mentoring-coaching-decision-ids"},
}

Manifest = dict[str, Any]


@pytest.fixture(scope="module")
def chart() -> Iterator[helm.Chart]:
    with helm.Chart.load(CHART_DIR) as loaded:
        yield loaded


def production_values() -> dict[str, Any]:
    values: dict[str, Any] = yaml.safe_load(PRODUCTION_VALUES.read_text())
    return values


def render(chart: helm.Chart, values: dict[str, Any]) -> list[Manifest]:
    rendered = chart.render(values, name=RELEASE, namespace=NAMESPACE, is_install=True)
    manifests: list[Manifest] = []
    for path, text in sorted(rendered.items()):
        if not path.endswith((".yaml", ".yml")):
            continue  # NOTES.txt, helpers
        manifests.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return manifests


def by_kind(manifests: list[Manifest], kind: str) -> list[Manifest]:
    return [m for m in manifests if m["kind"] == kind]


def one(manifests: list[Manifest], kind: str) -> Manifest:
    found = by_kind(manifests, kind)
    assert len(found) == 1, f"expected one {kind}, got {len(found)}"
    return found[0]


def api_service(manifests: list[Manifest]) -> Manifest:
    """The API's Service (the metrics Service is the other one)."""
    found = [
        m
        for m in by_kind(manifests, "Service")
        if m["metadata"]["labels"].get("app.kubernetes.io/component") != "metrics"
    ]
    assert len(found) == 1, f"expected one API Service, got {len(found)}"
    return found[0]


def metrics_service(manifests: list[Manifest]) -> Manifest:
    found = [
        m
        for m in by_kind(manifests, "Service")
        if m["metadata"]["labels"].get("app.kubernetes.io/component") == "metrics"
    ]
    assert len(found) == 1, f"expected one metrics Service, got {len(found)}"
    return found[0]


def api_deployment(manifests: list[Manifest]) -> Manifest:
    """The API's Deployment (production values add the webhook worker's)."""
    found = [
        m
        for m in by_kind(manifests, "Deployment")
        if m["metadata"]["labels"].get("app.kubernetes.io/component") != "webhook-worker"
    ]
    assert len(found) == 1, f"expected one API Deployment, got {len(found)}"
    return found[0]


@pytest.fixture(scope="module", params=["default", "production"])
def scenario(request: pytest.FixtureRequest, chart: helm.Chart) -> tuple[str, list[Manifest]]:
    values = DEFAULT_VALUES if request.param == "default" else production_values()
    return request.param, render(chart, values)


@pytest.fixture(scope="module")
def production(chart: helm.Chart) -> list[Manifest]:
    return render(chart, production_values())


# --------------------------------------------------------------------------- chart basics


def test_chart_metadata(chart: helm.Chart) -> None:
    assert chart.name == "mentoring-coaching"
    assert re.fullmatch(r"\d+\.\d+\.\d+", chart.version)
    assert chart.metadata["apiVersion"] == "v2"
    assert chart.schema is not None


def test_chart_lints_clean() -> None:
    for values in (DEFAULT_VALUES, production_values()):
        report = helm.lint(CHART_DIR, values, strict=True, kube_version=f"v{K8S_VERSION}")
        problems = [m for m in report["messages"] if m["severity"] >= 2]
        assert not report["errors"] and not problems, report


def test_values_are_documented_bitnami_style() -> None:
    text = (CHART_DIR / "values.yaml").read_text()
    values = yaml.safe_load(text)
    documented = set(re.findall(r"^\s*## @param (\S+)", text, flags=re.M))
    for key in values:
        assert any(d == key or d.startswith(f"{key}.") for d in documented), (
            f"values.yaml key {key!r} has no `## @param` comment"
        )


# --------------------------------------------------------------------------- kubernetes schemas


def test_every_manifest_is_valid_kubernetes(scenario: tuple[str, list[Manifest]]) -> None:
    name, manifests = scenario
    assert manifests, name
    validated = 0
    for manifest in manifests:
        if (manifest["apiVersion"], manifest["kind"]) in CRD_KINDS:
            continue  # asserted in test_service_monitor
        try:
            kubernetes_validate.validate(manifest, K8S_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            path = ".".join(str(p) for p in exc.path)
            pytest.fail(
                f"[{name}] {manifest['kind']}/{manifest['metadata']['name']}: {path}: {exc.message}"
            )
        except kubernetes_validate.SchemaNotFoundError as exc:
            pytest.fail(f"[{name}] no schema (typo in apiVersion/kind?): {exc.message}")
        validated += 1
    assert validated >= 6


def test_expected_resources(scenario: tuple[str, list[Manifest]]) -> None:
    name, manifests = scenario
    kinds = {m["kind"] for m in manifests}
    base = {"Deployment", "Service", "ConfigMap", "ServiceAccount", "Job", "PodDisruptionBudget"}
    assert base <= kinds, kinds
    extras = {"Ingress", "NetworkPolicy", "ServiceMonitor", "HorizontalPodAutoscaler"}
    if name == "default":
        assert not (kinds & extras), "optional resources must be off by default"
    else:
        assert extras <= kinds
    for manifest in manifests:
        assert manifest["metadata"]["namespace"] == NAMESPACE
        assert manifest["metadata"]["labels"]["app.kubernetes.io/instance"] == RELEASE


# --------------------------------------------------------------------------- workload invariants


def _pod_spec(manifest: Manifest) -> dict[str, Any]:
    spec: dict[str, Any] = manifest["spec"]["template"]["spec"]
    return spec


def _assert_hardened(pod: dict[str, Any]) -> None:
    psc = pod["securityContext"]
    assert psc["runAsNonRoot"] is True
    assert psc["runAsUser"] == 10001
    assert psc["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod["automountServiceAccountToken"] is False
    for container in pod["containers"]:
        sc = container["securityContext"]
        assert sc["runAsNonRoot"] is True
        assert sc["runAsUser"] == 10001
        assert sc["readOnlyRootFilesystem"] is True
        assert sc["allowPrivilegeEscalation"] is False
        assert sc["capabilities"]["drop"] == ["ALL"]
        assert "add" not in sc["capabilities"]
        assert sc["seccompProfile"]["type"] == "RuntimeDefault"
        assert container["resources"]["requests"] and container["resources"]["limits"]
        assert {"cpu", "memory"} <= set(container["resources"]["limits"])
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        assert "/tmp" in mounts, "readOnlyRootFilesystem needs a writable /tmp"
        volume = next(v for v in pod["volumes"] if v["name"] == mounts["/tmp"])
        assert "emptyDir" in volume


def _assert_database_secret(container: dict[str, Any]) -> None:
    env = {e["name"]: e for e in container.get("env", [])}
    ref = env["DATABASE_URL"]["valueFrom"]["secretKeyRef"]
    assert ref == {"name": SECRET, "key": "DATABASE_URL"}
    assert "value" not in env["DATABASE_URL"]


def test_deployment(scenario: tuple[str, list[Manifest]]) -> None:
    name, manifests = scenario
    deployment = api_deployment(manifests)
    pod = _pod_spec(deployment)
    _assert_hardened(pod)
    (container,) = pod["containers"]
    assert "command" not in container and "args" not in container, "image CMD (granian) is used"
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert container["startupProbe"]["httpGet"]["path"] == "/health/live"
    assert container["ports"][0]["containerPort"] == 8000
    assert container["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep"
    pause = int(container["lifecycle"]["preStop"]["exec"]["command"][1])
    assert 0 < pause < pod["terminationGracePeriodSeconds"]
    _assert_database_secret(container)
    config_ref = container["envFrom"][0]["configMapRef"]["name"]
    assert config_ref == one(manifests, "ConfigMap")["metadata"]["name"]
    assert "checksum/config" in deployment["spec"]["template"]["metadata"]["annotations"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    if name == "default":
        assert deployment["spec"]["replicas"] == 2
    else:
        assert "replicas" not in deployment["spec"], "the HPA owns the replica count"
        assert deployment["spec"]["template"]["spec"]["imagePullSecrets"]
        assert "@sha256:" in container["image"]


def test_configmap_holds_settings_but_no_secret(scenario: tuple[str, list[Manifest]]) -> None:
    _, manifests = scenario
    data = one(manifests, "ConfigMap")["data"]
    assert data["SERVICE_ENV"] == "production"
    assert data["LOAD_CONTENT_ON_START"] == "false"
    assert data["HOST"] == "0.0.0.0"
    assert data["PORT"] == "8000"
    for key in (
        "WORKERS",
        "LOG_LEVEL",
        "DB_POOL_SIZE",
        "DB_MAX_OVERFLOW",
        "DB_POOL_TIMEOUT_SECONDS",
        "DB_CONNECT_TIMEOUT_SECONDS",
        "DB_STATEMENT_TIMEOUT_MS",
        "CONTENT_POLL_SECONDS",
        "CORS_ORIGINS",
        "RATE_LIMIT_REQUESTS",
        "RATE_LIMIT_WINDOW_SECONDS",
        "METRICS_PORT",
        "OTEL_SERVICE_NAME",
    ):
        assert key in data, key
    assert all(isinstance(v, str) for v in data.values())
    assert "DATABASE_URL" not in data
    assert not any("://" in v and "@" in v for v in data.values()), "credentials in ConfigMap"


def test_migration_job(scenario: tuple[str, list[Manifest]]) -> None:
    _, manifests = scenario
    job = one(manifests, "Job")
    annotations = job["metadata"]["annotations"]
    assert set(annotations["helm.sh/hook"].split(",")) == {"pre-install", "pre-upgrade"}
    assert set(annotations["helm.sh/hook-delete-policy"].split(",")) == {
        "before-hook-creation",
        "hook-succeeded",
    }
    pod = _pod_spec(job)
    assert pod["restartPolicy"] == "Never"
    _assert_hardened(pod)
    (container,) = pod["containers"]
    assert container["args"] == ["python", "-m", "service", "db", "upgrade"]
    assert "command" not in container, "keep tini (the image ENTRYPOINT) as PID 1"
    deployment_container = _pod_spec(api_deployment(manifests))["containers"][0]
    assert container["image"] == deployment_container["image"]
    assert container["securityContext"] == deployment_container["securityContext"]
    _assert_database_secret(container)
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["SERVICE_ENV"] == "production"


def test_service_and_pdb(scenario: tuple[str, list[Manifest]]) -> None:
    name, manifests = scenario
    service = api_service(manifests)
    assert [port["targetPort"] for port in service["spec"]["ports"]] == ["http"]
    selector = api_deployment(manifests)["spec"]["selector"]["matchLabels"]
    assert service["spec"]["selector"] == selector
    pdb = one(manifests, "PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"] == selector
    assert pdb["spec"]["minAvailable"] == (1 if name == "default" else 2)


# --------------------------------------------------------------------------- production extras


def test_hpa(production: list[Manifest]) -> None:
    hpa = one(production, "HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"]["name"] == api_deployment(production)["metadata"]["name"]
    assert hpa["spec"]["minReplicas"] == 3
    assert hpa["spec"]["maxReplicas"] >= hpa["spec"]["minReplicas"]
    assert {m["resource"]["name"] for m in hpa["spec"]["metrics"]} == {"cpu", "memory"}


def test_ingress_and_network_policy(production: list[Manifest]) -> None:
    ingress = one(production, "Ingress")
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == api_service(production)["metadata"]["name"]
    assert ingress["spec"]["tls"][0]["secretName"] == "mentoring-coaching-tls"
    policy = one(production, "NetworkPolicy")
    assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    egress_ports = {p["port"] for rule in policy["spec"]["egress"] for p in rule.get("ports", [])}
    assert {53, 5432} <= egress_ports


def test_service_monitor(production: list[Manifest]) -> None:
    """The CRD kind is not validated by kubernetes-validate: check its shape directly."""
    monitor = one(production, "ServiceMonitor")
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    spec = monitor["spec"]
    assert set(spec) <= {"endpoints", "selector", "namespaceSelector", "jobLabel"}
    selector = spec["selector"]["matchLabels"]
    assert selector.items() <= metrics_service(production)["metadata"]["labels"].items()
    assert not selector.items() <= api_service(production)["metadata"]["labels"].items()
    assert spec["namespaceSelector"] == {"matchNames": [NAMESPACE]}
    (endpoint,) = spec["endpoints"]
    assert endpoint["port"] == "metrics" and endpoint["path"] == "/metrics"
    assert re.fullmatch(r"\d+(ms|s|m|h)", endpoint["interval"])


# --------------------------------------------------------------------------- values schema


def test_missing_database_secret_is_refused(chart: helm.Chart) -> None:
    with pytest.raises(helm.HelmError, match="existingSecret"):
        chart.render({}, name=RELEASE, namespace=NAMESPACE)


def test_production_reads_decision_id_keys_from_their_secret_and_refuses_none(
    chart: helm.Chart,
) -> None:
    with pytest.raises(helm.HelmError, match=r"decisionIds\.existingSecret"):
        chart.render({"database": {"existingSecret": SECRET}}, name=RELEASE, namespace=NAMESPACE)
    manifests = render(chart, DEFAULT_VALUES)
    deployments = [m for m in manifests if m["kind"] == "Deployment"]
    assert deployments
    for deployment in deployments:
        env = deployment["spec"]["template"]["spec"]["containers"][0]["env"]
        [keys] = [e for e in env if e["name"] == "DECISION_ID_KEYS"]
        assert keys["valueFrom"]["secretKeyRef"] == {
            "name": "mentoring-coaching-decision-ids",
            "key": "DECISION_ID_KEYS",
        }


INVALID_VALUES: list[tuple[str, dict[str, Any]]] = [
    ("replicaCount not an integer", {"replicaCount": "three"}),
    ("unknown top-level key", {"replicas": 3}),
    ("negative service port", {"service": {"port": -1}}),
    ("service port too large", {"service": {"port": 70000}}),
    ("unknown service type", {"service": {"type": "ExternalName"}}),
    ("bad log level", {"config": {"logLevel": "TRACE"}}),
    ("bad service env", {"config": {"serviceEnv": "staging"}}),
    ("zero workers", {"config": {"workers": 0}}),
    ("unknown config key", {"config": {"databaseUrl": "postgresql://u:p@h/db"}}),
    ("root filesystem writable", {"securityContext": {"readOnlyRootFilesystem": False}}),
    ("privilege escalation", {"securityContext": {"allowPrivilegeEscalation": True}}),
    ("run as root allowed", {"podSecurityContext": {"runAsNonRoot": False}}),
    ("bad pull policy", {"image": {"pullPolicy": "Sometimes"}}),
    ("bad image digest", {"image": {"digest": "latest"}}),
    ("DATABASE_URL smuggled into ConfigMap", {"extraConfig": {"DATABASE_URL": "x"}}),
    ("a name no setting has", {"extraConfig": {"RATE_LIMIT_PER_MINUTE": "300"}}),
    ("a setting the chart sets itself", {"extraConfig": {"METRICS_PORT": "9200"}}),
    ("the old rate-limit value", {"config": {"rateLimitPerMinute": 300}}),
    ("metrics on a privileged port", {"metrics": {"port": 80}}),
    (
        "ingress path type",
        {"ingress": {"hosts": [{"host": "a", "paths": [{"path": "/", "pathType": "Any"}]}]}},
    ),
]


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@pytest.mark.parametrize(("case", "override"), INVALID_VALUES, ids=[c for c, _ in INVALID_VALUES])
def test_invalid_values_are_rejected_by_helm(
    chart: helm.Chart, case: str, override: dict[str, Any]
) -> None:
    values = _merge(DEFAULT_VALUES, override)
    with pytest.raises(helm.HelmValuesError):
        chart.render(values, name=RELEASE, namespace=NAMESPACE)
    with pytest.raises(helm.HelmValuesError):
        chart.validate_schema(values)


@pytest.mark.parametrize(("case", "override"), INVALID_VALUES, ids=[c for c, _ in INVALID_VALUES])
def test_invalid_values_are_rejected_by_jsonschema(case: str, override: dict[str, Any]) -> None:
    """Same cases through python-jsonschema against the coalesced values (defaults + override)."""
    schema = json.loads((CHART_DIR / "values.schema.json").read_text())
    defaults = yaml.safe_load((CHART_DIR / "values.yaml").read_text())
    validator = jsonschema.Draft7Validator(schema)
    assert not list(validator.iter_errors(_merge(defaults, DEFAULT_VALUES)))
    assert list(validator.iter_errors(_merge(_merge(defaults, DEFAULT_VALUES), override))), case


def test_schema_is_strict_and_accepts_the_shipped_values() -> None:
    schema = json.loads((CHART_DIR / "values.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    defaults = yaml.safe_load((CHART_DIR / "values.yaml").read_text())
    assert set(defaults) <= set(schema["properties"]), set(defaults) - set(schema["properties"])
    validator = jsonschema.Draft7Validator(schema)
    for values in (defaults, _merge(defaults, production_values())):
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(values)]
        assert not errors, errors
