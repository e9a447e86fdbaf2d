from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import Role
from tiepdan.audit.models import AuditEntry
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionSession, Visit

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[int, ...]:
    return (
        OrgUnit.objects.count(),
        ReceptionOffice.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
        Petition.objects.count(),
        Visit.objects.count(),
        ReceptionSession.objects.count(),
    )


def test_load_demo_twice_changes_nothing_the_second_time(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    first = _snapshot()
    call_command("load_demo", stdout=StringIO())
    assert _snapshot() == first


def test_demo_has_officials_of_every_role_and_prints_their_logins(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    for user in User.objects.all():
        assert user.username in out.getvalue()
        assert user.check_password("tiepdan2026")


def test_demo_province_has_departments_communes_offices_and_a_former_district(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    province = OrgUnit.objects.get(code="UBND-T19")
    assert province.children.filter(kind="department").count() >= 3
    assert province.children.filter(level="commune").count() == 92
    assert ReceptionOffice.objects.count() >= 2
    district = OrgUnit.objects.get(level="district")
    assert district.successors.count() == 2
    assert OrgUnit.objects.filter(remote_area=True).exists()


def test_load_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())


def test_demo_has_petitions_in_several_states_with_live_time_limits(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    statuses = set(Petition.objects.values_list("status", flat=True))
    assert {"received", "acceptance_proposed"} <= statuses
    transferred = Petition.objects.get(current_unit__code="UBND-X05830")
    assert transferred.register_entries.count() == 2  # the board follows it
    assert Petition.objects.filter(deadlines__met_on=None).exists()


def test_demo_has_visits_and_sessions_for_the_register_schedule_and_compliance(settings, client):
    from django.utils import timezone

    from tiepdan.core import clock
    from tiepdan.reception.services.sessions import schedule_latest_publication

    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out, quiet_logins=True)
    assert "4 lượt tiếp công dân, 2 phiên tiếp công dân định kỳ" in out.getvalue()
    assert set(Visit.objects.values_list("outcome", flat=True)) == {
        "petition_received",
        "guided",
        "statement_recorded",
        "refused",
    }
    assert not Visit.objects.filter(office=None).exists()
    written = Visit.objects.get(outcome="petition_received")
    assert written.petition is not None
    assert written.petition.tracking_code
    group = Visit.objects.get(people_count=6)
    assert (group.representatives_count, group.head_received) == (2, True)
    assert group.appointment_document.name.endswith(".docx")
    assert Visit.objects.get(outcome="refused").refusal_ground is not None

    upcoming = ReceptionSession.objects.get(status="scheduled")
    assert (upcoming.kind, upcoming.published_on) == ("periodic", clock.today())
    # Published at least 5 working days ahead (TCD-06).
    assert schedule_latest_publication(timezone.localdate(upcoming.starts_at)) >= clock.today()
    held = ReceptionSession.objects.get(status="held")
    assert timezone.localdate(held.starts_at) < clock.today().replace(day=1)
    assert held.visits.get().kind == "periodic"  # the visit filed under the head's session

    schedule = client.get("/cong-khai/lich-tiep-dan/").content.decode()
    assert upcoming.head.full_name in schedule
    assert client.login(username="xa.chutich", password="tiepdan2026")
    rows = client.get("/tiep-dan/tuan-thu/").context["rows"]
    assert [row.head_name for row in rows if row.is_below] == [upcoming.head.full_name]
