"""Housing's tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import DeclarativeBase

from journey_platform.db import UTCDateTime, new_metadata
from journey_platform.messaging.tables import MessagingTables


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map = {datetime: UTCDateTime}


messaging = MessagingTables(Base.metadata)
