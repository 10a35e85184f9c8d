"""Every service's /metrics carries the standard process and Python runtime families next to its own."""

from __future__ import annotations

from journey_platform.observability.metrics import ServiceMetrics


def test_process_gc_and_platform_metrics_are_exposed_by_every_registry() -> None:
    first, second = ServiceMetrics(), ServiceMetrics()  # one per app in a test process: both may register them
    for metrics in (first, second):
        text = metrics.exposition().decode()
        names = {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line and not line.startswith("#")}
        assert {"process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds"} <= names
        assert {"python_gc_objects_collected_total", "python_gc_collections_total", "python_info"} <= names
        assert "opvangketen_outbox_backlog" in names
