"""The regional monitor's indicators: pure functions of the event history (see docs/indicators.md)."""
