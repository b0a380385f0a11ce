"""The webhook worker's Deployment: off by default (the API pods deliver), on in production
values, hardened like the API and never selected by the API's Deployment or Service."""

from collections.abc import Iterator
from typing import Any

import helm_python as helm
import pytest

from tests.deploy.test_helm_chart import (
    CHART_DIR,
    DEFAULT_VALUES,
    SECRET,
    Manifest,
    _assert_hardened,
    api_deployment,
    api_service,
    by_kind,
    one,
    production_values,
    render,
)


@pytest.fixture(scope="module")
def chart() -> Iterator[helm.Chart]:
    with helm.Chart.load(CHART_DIR) as loaded:
        yield loaded


def worker(manifests: list[Manifest]) -> list[Manifest]:
    return [
        m
        for m in by_kind(manifests, "Deployment")
        if m["metadata"]["labels"].get("app.kubernetes.io/component") == "webhook-worker"
    ]


def test_by_default_the_api_pods_deliver_webhooks(chart: helm.Chart) -> None:
    manifests = render(chart, DEFAULT_VALUES)
    assert worker(manifests) == []
    assert one(manifests, "ConfigMap")["data"]["WEBHOOK_WORKER_IN_SERVICE"] == "true"


def test_the_worker_deployment_runs_the_worker_command(chart: helm.Chart) -> None:
    manifests = render(chart, production_values())
    (deployment,) = worker(manifests)
    assert one(manifests, "ConfigMap")["data"]["WEBHOOK_WORKER_IN_SERVICE"] == "false"
    assert deployment["spec"]["replicas"] == 2
    pod: dict[str, Any] = deployment["spec"]["template"]["spec"]
    _assert_hardened(pod)
    (container,) = pod["containers"]
    assert container["args"] == ["python", "-m", "service", "worker"]
    assert "command" not in container, "keep tini (the image ENTRYPOINT) as PID 1"
    env = {e["name"]: e for e in container["env"]}
    assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"] == SECRET
    api = api_deployment(manifests)
    assert container["image"] == api["spec"]["template"]["spec"]["containers"][0]["image"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    worker_labels = deployment["spec"]["template"]["metadata"]["labels"]
    for selecting in (
        api["spec"]["selector"]["matchLabels"],
        api_service(manifests)["spec"]["selector"],
    ):
        assert not selecting.items() <= worker_labels.items(), "the API must not select workers"


def test_the_network_policy_covers_the_worker_and_lets_webhooks_out(chart: helm.Chart) -> None:
    manifests = render(chart, production_values())
    policy = one(manifests, "NetworkPolicy")
    names = next(
        e["values"]
        for e in policy["spec"]["podSelector"]["matchExpressions"]
        if e["key"] == "app.kubernetes.io/name"
    )
    (deployment,) = worker(manifests)
    worker_name = deployment["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"]
    api_name = api_deployment(manifests)["spec"]["selector"]["matchLabels"][
        "app.kubernetes.io/name"
    ]
    migrations_name = one(manifests, "Job")["spec"]["template"]["metadata"]["labels"][
        "app.kubernetes.io/name"
    ]
    assert set(names) == {worker_name, api_name, migrations_name}
    https = [r for r in policy["spec"]["egress"] if {"port": 443, "protocol": "TCP"} in r["ports"]]
    (rule,) = https
    block = rule["to"][0]["ipBlock"]
    assert block["cidr"] == "0.0.0.0/0"
    assert {"10.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16"} <= set(
        block["except"]
    )
