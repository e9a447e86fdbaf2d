"""The officials' reception pages."""

from tiepdan.reception.views.sessions import (
    compliance,
    conclusion_follow_up_view,
    conclusion_new,
    online_detail,
    online_minutes,
    online_new,
    online_record,
    session_detail,
    session_hold_view,
    session_new,
    session_postpone_view,
    session_register_view,
    sessions,
    site_join,
    site_link_test,
)
from tiepdan.reception.views.visits import (
    citizen_lookup,
    register,
    register_export,
    visit_detail,
    visit_new,
)

__all__ = [
    "citizen_lookup",
    "compliance",
    "conclusion_follow_up_view",
    "conclusion_new",
    "online_detail",
    "online_minutes",
    "online_new",
    "online_record",
    "register",
    "register_export",
    "session_detail",
    "session_hold_view",
    "session_new",
    "session_postpone_view",
    "session_register_view",
    "sessions",
    "site_join",
    "site_link_test",
    "visit_detail",
    "visit_new",
]
