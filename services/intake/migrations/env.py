from intake.adapters.orm import Base
from intake.settings import IntakeSettings
from journey_platform.migrations import run_env

run_env(Base.metadata, IntakeSettings().database_url)
