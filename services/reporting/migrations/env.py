from journey_platform.migrations import run_env
from reporting.adapters.orm import Base
from reporting.settings import ReportingSettings

run_env(Base.metadata, ReportingSettings().database_url)
