"""Links between resources in the manner of the NL API Design Rules (`_links` in a body), free of any web
framework so the views of the service layers can use them; the web layer adds Location and paging headers
(journey_platform.web.navigation)."""

from __future__ import annotations

from pydantic import BaseModel


class Link(BaseModel):
    href: str
    title: str | None = None


def link(href: str, title: str | None = None) -> Link:
    return Link(href=href, title=title)
