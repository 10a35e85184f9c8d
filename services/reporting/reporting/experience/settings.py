"""Settings of client experience (prefix REPORTING_, as the rest of reporting)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings


class ExperienceSettings(BaseSettings):
    experience_link_valid_days: float = Field(
        14.0, gt=0, le=90, description="How long a one-time questionnaire link can be used after the invitation."
    )
    experience_questionnaire_file: Path | None = Field(
        None, description="The questionnaire (YAML); the packaged vragenlijst.yaml when unset."
    )
