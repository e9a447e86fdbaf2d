"""Reception: the register of visits, a person's history, the heads' sessions, online sessions and
the compliance view, under /api/v1/reception/. Thin: each endpoint parses, calls one service or
selector of tiepdan.reception, and shapes the answer. No database ids: visits are
`unit/year/serial`, sessions are named by their slug, conclusions notices by session and
number, units by code, officials by username."""

from __future__ import annotations

from ninja import Router

from tiepdan.api.reception import online, sessions, visits

router = Router(tags=["reception"])
router.add_router("", visits.router)
router.add_router("", sessions.router)
router.add_router("", online.router)
