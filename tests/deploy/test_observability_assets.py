"""The alert rules and the dashboard only ask for metrics the services export, with the labels they carry."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from journey_platform.observability.metrics import ServiceMetrics

from .conftest import ROOT

OBSERVABILITY = ROOT / "deploy" / "observability"
METRIC = re.compile(r"\bopvangketen_[a-z_]+")
SELECTOR = re.compile(r"(opvangketen_[a-z_]+)\{([^}]*)\}")
TARGET_LABELS = {"namespace", "service", "pod", "instance", "job"}  # added by Prometheus and podmonitor.yaml


def label_names_of_metrics() -> dict[str, set[str]]:
    """Sample name (e.g. ..._total, ..._bucket) → label names. prometheus_client lists samples only once a
    labelled metric was used, so this reads the registry's index of its metrics."""
    registry = ServiceMetrics().registry
    names: dict[str, set[str]] = {}
    for collector in list(registry._collector_to_names):  # the metric objects, with their label names
        for sample_name in registry._collector_to_names[collector]:
            names[sample_name] = set(getattr(collector, "_labelnames", ()))
    return names


def check_expression(expression: str) -> None:
    known = label_names_of_metrics()
    for name in METRIC.findall(expression):
        assert name in known, f"{name} is not exported"
    for name, selector in SELECTOR.findall(expression):
        used = {part.split("=")[0].strip().rstrip("!~") for part in selector.split(",") if part.strip()}
        allowed = known[name] | TARGET_LABELS | ({"le"} if name.endswith("_bucket") else set())
        assert used <= allowed, f"{name} has no label(s) {used - allowed}"


def test_every_alert_is_complete_and_asks_for_exported_metrics() -> None:
    groups = yaml.safe_load((OBSERVABILITY / "alerts.yaml").read_text())["groups"]
    rules: list[dict[str, Any]] = [rule for group in groups for rule in group["rules"]]
    assert len(rules) >= 6
    for rule in rules:
        assert rule["labels"]["severity"] in ("warning", "critical") and rule["annotations"]["summary"], rule["alert"]
        check_expression(rule["expr"])
    alerted = " ".join(rule["expr"] for rule in rules)
    for metric in (
        "outbox_oldest_unpublished_age_seconds",
        "consumer_lag",
        "consumer_dead_lettered_total",
        "http_request_duration_seconds",
    ):
        assert f"opvangketen_{metric}" in alerted


def test_the_dashboard_shows_every_metric_family_from_exported_metrics() -> None:
    dashboard = json.loads((OBSERVABILITY / "grafana-dashboard.json").read_text())
    expressions = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    for expression in expressions:
        check_expression(expression)
    shown = " ".join(expressions)
    families = {
        name.rsplit("_", 1)[0] if name.endswith(("_bucket", "_count", "_sum", "_total")) else name
        for name in label_names_of_metrics()
    }
    missing = {f for f in families if f not in shown and not f.endswith("_created")}
    assert missing <= {"opvangketen_outbox_publish_failures"}, missing  # that one is alerted on, not charted
