"""Intake: the first part of every journey, from report (melding) to Wmo decision (beschikking)."""
