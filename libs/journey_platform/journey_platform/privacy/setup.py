"""Wiring a service's processing log into its container (called from the service's bootstrap)."""

from __future__ import annotations

from sqlalchemy import Table

from journey_platform.privacy.recorder import ProcessingLog
from journey_platform.privacy.register import Register
from journey_platform.privacy.subjects import SubjectLinks
from journey_platform.runtime import Container


def install_processing_log(container: Container, package: str, table: Table, links: SubjectLinks) -> None:
    container.processing_log = ProcessingLog(
        service=container.settings.service_name,
        table=table,
        register=Register.of_package(package),
        links=links,
        key=container.settings.processing_log_key,
        metrics=container.metrics,
    )
