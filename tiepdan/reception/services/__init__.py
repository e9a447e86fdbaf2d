"""Every write to reception. Views, the API, commands and tasks call these and nothing else."""

from tiepdan.reception.services.online import (
    online_petition_add,
    online_session_create,
    online_session_record,
    online_site_join,
    online_site_link_test,
    petition_online_refusal,
)
from tiepdan.reception.services.sessions import (
    conclusion_follow_up,
    conclusion_issue,
    session_hold,
    session_postpone,
    session_register,
    session_schedule,
)
from tiepdan.reception.services.visit_identity import (
    register_identity_read,
    visit_appointment_open,
    visit_identity_read,
)
from tiepdan.reception.services.visits import (
    VisitData,
    VisitorData,
    group_alert_recipients,
    province_reception_board,
    visit_data_check,
    visit_record,
)

__all__ = [
    "VisitData",
    "VisitorData",
    "conclusion_follow_up",
    "conclusion_issue",
    "group_alert_recipients",
    "online_petition_add",
    "online_session_create",
    "online_session_record",
    "online_site_join",
    "online_site_link_test",
    "petition_online_refusal",
    "province_reception_board",
    "register_identity_read",
    "session_hold",
    "session_postpone",
    "session_register",
    "session_schedule",
    "visit_appointment_open",
    "visit_data_check",
    "visit_identity_read",
    "visit_record",
]
