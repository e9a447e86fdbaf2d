from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import Role
from tiepdan.audit.models import AuditEntry
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.petitions.models import Petition
from tiepdan.reception.models import ReceptionSession, Visit
from tiepdan.resolution.models import Implementation, ProtectionRequest, Resolution

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
        Resolution.objects.count(),
        Implementation.objects.count(),
        ProtectionRequest.objects.count(),
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


def test_demo_has_decisions_carried_out_for_forms_03_04_05(settings, client):
    from tiepdan.core import clock
    from tiepdan.reports.periods import PeriodKind, period_containing

    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out, quiet_logins=True)
    assert "2 vụ việc đã giải quyết" in out.getvalue()
    quarter = period_containing(PeriodKind.QUARTER, clock.today())

    complaint = Resolution.objects.get(track="complaint", status="effective")
    assert (complaint.amount_returned, complaint.persons_to_discipline) == (50_000_000, 1)
    progress = complaint.implementations.get()
    assert (progress.amount_returned, progress.completes) == (30_000_000, False)
    assert quarter.contains(progress.done_on)

    denunciation = Resolution.objects.get(track="denunciation", status="handled")
    assert (denunciation.persons_to_discipline, denunciation.persons_referred) == (1, 1)
    done = denunciation.implementations.get()
    assert (done.amount_recovered, done.persons_disciplined, done.persons_prosecuted) == (
        20_000_000,
        1,
        1,
    )
    assert done.completes
    assert quarter.contains(done.done_on)
    assert quarter.contains(denunciation.decided_on)
    protection = ProtectionRequest.objects.get(status="granted")
    assert protection.resolution == denunciation
    assert quarter.contains(protection.decided_on)

    # The chair sees the complaint's progress against the decision on its page.
    assert client.login(username="chutich", password="tiepdan2026")
    page = client.get(f"/giai-quyet/{complaint.petition.reference}/").content.decode()
    assert "30.000.000 / 50.000.000" in page
