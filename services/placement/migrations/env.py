from journey_platform.migrations import run_env
from placement.adapters.orm import Base
from placement.settings import PlacementSettings

run_env(Base.metadata, PlacementSettings().database_url)
