from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from housing.domain.model import MatchingPolicy, RentCeilings
from journey_platform.settings import ServiceSettings


class HousingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HOUSING_", extra="ignore", populate_by_name=True)

    service_name: str = "housing"
    database_url: str = "sqlite+aiosqlite:///var/housing.db"

    # Rent-benefit ceilings (huurtoeslag, 2025): a client's rent limit never exceeds these.
    rent_ceiling_young_adult: float = Field(477.20, gt=0, description="18–22: kwaliteitskortingsgrens")
    rent_ceiling_adult: float = Field(900.07, gt=0, description="maximale huurgrens")
    # Neighbourhood capacity: at most N new placements per neighbourhood per period; N per municipality.
    neighbourhood_capacity_default: int = Field(5, ge=0)
    neighbourhood_capacity: dict[str, int] = Field(default_factory=dict, description='e.g. {"GM0193": 3}')
    capacity_period_days: int = Field(91, ge=1)
    # Offers: an expiry, and a stall timer for offers without a reaction or accepted without a move-in.
    offer_expiry_days: int = Field(14, ge=1)
    offer_stall_days: int = Field(5, ge=1)
    move_in_stall_days: int = Field(30, ge=1)
    # Units available within this many days may be proposed already.
    proposal_horizon_days: int = Field(30, ge=0)
    prune_above_pairs: int = Field(1_000_000, ge=0, description="pools larger than this are pruned for speed")
    edges_per_candidate: int | None = Field(48, ge=1)
    matching_interval_seconds: float = 30.0
    watch_interval_seconds: float = 300.0

    def capacity_for(self, municipality: str) -> int:
        return self.neighbourhood_capacity.get(municipality, self.neighbourhood_capacity_default)

    def matching_policy(self) -> MatchingPolicy:
        return MatchingPolicy(
            ceilings=RentCeilings(young_adult=self.rent_ceiling_young_adult, adult=self.rent_ceiling_adult),
            prune_above_pairs=self.prune_above_pairs,
            edges_per_candidate=self.edges_per_candidate,
        )
