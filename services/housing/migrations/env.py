from journey_platform.migrations import run_env
from housing.adapters.orm import Base
from housing.settings import HousingSettings

run_env(Base.metadata, HousingSettings().database_url)
