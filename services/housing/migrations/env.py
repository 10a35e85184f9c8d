from housing.adapters.orm import Base
from housing.settings import HousingSettings
from journey_platform.migrations import run_env

run_env(Base.metadata, HousingSettings().database_url)
