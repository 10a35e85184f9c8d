"""Wires client experience into reporting: the questionnaire and the link's validity, for the routes."""

from __future__ import annotations

from typing import Any

from journey_platform.runtime import Container
from reporting.experience.domain import questionnaire
from reporting.experience.service_layer.invitations import ExperienceContext


def start(container: Container) -> None:
    settings: Any = container.settings  # ReportingSettings: the service's and experience's settings
    container.extras["experience"] = ExperienceContext(
        reference=container.reference,
        vragenlijst=questionnaire.load(settings.experience_questionnaire_file),
        link_valid_days=settings.experience_link_valid_days,
    )
