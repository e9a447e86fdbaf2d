"""The database calendar, settings-driven deadlines and the audited calendar edits."""

import datetime as dt

import pytest
from django.contrib.admin.sites import AdminSite
from django.test import RequestFactory

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import Role
from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from tiepdan.deadlines.admin import CalendarOverrideAdmin, CalendarOverrideForm
from tiepdan.deadlines.exceptions import RuleNotConfigurable
from tiepdan.deadlines.models import CalendarOverride
from tiepdan.deadlines.services import (
    calendar_load,
    calendar_override_delete,
    calendar_override_set,
    deadline_compute,
)
from tiepdan.deadlines.tests.calendars import OFFICIAL
from tiepdan.organizations.models import OrgUnit

D = dt.date
pytestmark = pytest.mark.django_db


def official_with(role: Role, username: str) -> User:
    unit, _ = OrgUnit.objects.get_or_create(
        code="T79",
        defaults={
            "name": "UBND Thành phố Hồ Chí Minh",
            "level": "province",
            "kind": "peoples_committee",
        },
    )
    user = User.objects.create_user(username=username, password="not-used-here-1234")
    Membership.objects.create(user=user, org_unit=unit, role=role)
    return user


@pytest.fixture
def calendar_admin() -> User:
    return official_with(Role.SYSTEM_ADMIN, "quantri")


@pytest.fixture
def reception_officer() -> User:
    return official_with(Role.RECEPTION_OFFICER, "tiepdan1")


@pytest.mark.parametrize(
    ("day", "kind", "document"),
    [
        pytest.param(D(2025, 5, 2), "day_off", "VPCP 8726/VPCP-KGVX", id="02-05-2025-off"),
        pytest.param(D(2025, 4, 26), "make_up_workday", "VPCP 8726/VPCP-KGVX", id="26-04-2025"),
        pytest.param(D(2026, 1, 2), "day_off", "VPCP 12729/VPCP-KGVX", id="02-01-2026-off"),
        pytest.param(D(2026, 1, 10), "make_up_workday", "VPCP 12729/VPCP-KGVX", id="10-01-2026"),
        pytest.param(D(2026, 2, 16), "day_off", "TB 9441/TB-BNV", id="tet-2026"),
        pytest.param(D(2026, 8, 22), "make_up_workday", "TB 9441/TB-BNV", id="22-08-2026"),
        pytest.param(D(2026, 8, 31), "day_off", "TB 9441/TB-BNV", id="31-08-2026-off"),
        pytest.param(D(2026, 11, 24), "not_holiday", "NQ 80-NQ/TW", id="24-11-2026-cal05"),
    ],
)
def test_seed_migration_records_each_declared_day_with_its_document(
    day: dt.date, kind: str, document: str
):
    override = CalendarOverride.objects.get(day=day)
    assert override.kind == kind
    assert document in override.document


def test_seeded_cal05_row_says_when_to_delete_it():
    note = CalendarOverride.objects.get(day=D(2026, 11, 24)).note
    assert note.startswith("CAL-05: legal force unconfirmed")


def test_every_seeded_weekday_off_is_a_non_working_day():
    calendar = calendar_load()
    for override in CalendarOverride.objects.filter(kind="day_off"):
        assert not calendar.is_working_day(override.day), override.day


def test_loaded_calendar_agrees_with_the_official_schedule_of_2025_and_2026():
    calendar = calendar_load()
    day = D(2025, 1, 1)
    while day <= D(2026, 12, 31):
        assert calendar.is_working_day(day) == OFFICIAL.is_working_day(day), day
        day += dt.timedelta(days=1)


def test_deadline_uses_the_seeded_day_off_of_02_01_2026():
    assert deadline_compute(rule_id="TCD-05b", start_on=D(2025, 12, 31)).due_on == D(2026, 1, 9)
    CalendarOverride.objects.filter(day__in=[D(2026, 1, 2), D(2026, 1, 10)]).delete()
    assert deadline_compute(rule_id="TCD-05b", start_on=D(2025, 12, 31)).due_on == D(2026, 1, 8)


def test_batch_callers_can_reuse_one_loaded_calendar(django_assert_num_queries):
    calendar = calendar_load()
    with django_assert_num_queries(0):
        result = deadline_compute(rule_id="TC-01", start_on=D(2026, 2, 13), calendar=calendar)
    assert result.due_on == D(2026, 3, 3)


def test_a_new_day_off_moves_a_working_day_deadline(calendar_admin: User):
    assert deadline_compute(rule_id="TC-01", start_on=D(2026, 3, 2)).due_on == D(2026, 3, 11)
    calendar_override_set(
        actor=calendar_admin, day=D(2026, 3, 6), kind="day_off", document="QĐ 1/QĐ-TTg (test)"
    )
    assert deadline_compute(rule_id="TC-01", start_on=D(2026, 3, 2)).due_on == D(2026, 3, 12)


def test_calendar_override_set_is_refused_without_manage_calendar(reception_officer: User):
    with pytest.raises(PermissionDenied):
        calendar_override_set(
            actor=reception_officer, day=D(2026, 3, 6), kind="day_off", document="QĐ 1"
        )
    assert not CalendarOverride.objects.filter(day=D(2026, 3, 6)).exists()
    assert not AuditEntry.objects.exists()


def test_calendar_override_set_writes_an_audit_entry(calendar_admin: User):
    override = calendar_override_set(
        actor=calendar_admin,
        day=D(2027, 2, 3),
        kind="day_off",
        document="TB 1/TB-BNV (test)",
        note="Tết 2027",
    )
    entry = AuditEntry.objects.get(action="calendar_override.set")
    assert (entry.actor_username, entry.object_type, entry.object_id) == (
        "quantri",
        "deadlines.CalendarOverride",
        str(override.pk),
    )
    assert entry.changes["kind"] == {"from": None, "to": "day_off"}
    assert entry.changes["document"]["to"] == "TB 1/TB-BNV (test)"


def test_replacing_an_override_records_what_changed(calendar_admin: User):
    seeded = CalendarOverride.objects.get(day=D(2026, 1, 2))
    calendar_override_set(
        actor=calendar_admin,
        day=seeded.day,
        kind=seeded.kind,
        document="VPCP 12729/VPCP-KGVX (corrected)",
        note=seeded.note,
    )
    assert CalendarOverride.objects.filter(day=D(2026, 1, 2)).count() == 1
    entry = AuditEntry.objects.get(action="calendar_override.set")
    assert entry.changes == {
        "document": {"from": seeded.document, "to": "VPCP 12729/VPCP-KGVX (corrected)"}
    }


def test_deleting_an_override_is_audited_and_restores_the_package_answer(calendar_admin: User):
    calendar_override_delete(actor=calendar_admin, day=D(2026, 11, 24))
    assert not calendar_load().is_working_day(D(2026, 11, 24))
    entry = AuditEntry.objects.get(action="calendar_override.delete")
    assert entry.changes["kind"] == {"from": "not_holiday", "to": None}


def test_deleting_is_refused_without_manage_calendar(reception_officer: User):
    with pytest.raises(PermissionDenied):
        calendar_override_delete(actor=reception_officer, day=D(2026, 1, 2))
    assert CalendarOverride.objects.filter(day=D(2026, 1, 2)).exists()


def test_deleting_a_day_without_override_is_not_found(calendar_admin: User):
    with pytest.raises(NotFound):
        calendar_override_delete(actor=calendar_admin, day=D(2026, 3, 3))


@pytest.mark.parametrize(
    ("day", "kind", "document"),
    [
        pytest.param(D(2026, 3, 4), "make_up_workday", "QĐ 1", id="make-up-day-on-a-weekday"),
        pytest.param(D(2026, 3, 7), "day_off", "QĐ 1", id="day-off-on-a-saturday"),
        pytest.param(D(2026, 3, 4), "not_holiday", "QĐ 1", id="cancel-a-day-that-is-no-holiday"),
        pytest.param(D(2026, 3, 4), "day_off", "  ", id="no-announcing-document"),
        pytest.param(D(2026, 3, 4), "holiday", "QĐ 1", id="unknown-kind"),
    ],
)
def test_overrides_that_cannot_be_right_are_refused(
    calendar_admin: User, day: dt.date, kind: str, document: str
):
    with pytest.raises(ValidationFailed):
        calendar_override_set(actor=calendar_admin, day=day, kind=kind, document=document)
    assert not AuditEntry.objects.exists()


def test_configured_duration_applies_to_a_configurable_rule(settings):
    settings.TIME_LIMIT_OVERRIDES = {"PA-01": 45}
    result = deadline_compute(rule_id="PA-01", start_on=D(2026, 3, 2))
    assert (result.duration_days, result.due_on) == (45, D(2026, 4, 16))


def test_configured_duration_of_a_rule_fixed_by_law_is_refused(settings):
    settings.TIME_LIMIT_OVERRIDES = {"KN-03": 60}
    with pytest.raises(RuleNotConfigurable, match="KN-03"):
        deadline_compute(rule_id="KN-03", start_on=D(2026, 1, 5))


@pytest.mark.parametrize(
    ("roll_forward", "due"),
    [
        pytest.param(True, D(2026, 2, 23), id="roll-forward"),
        pytest.param(False, D(2026, 2, 19), id="no-roll"),
    ],
)
def test_roll_forward_setting_decides_a_deadline_ending_in_tet(settings, roll_forward, due):
    settings.DEADLINE_ROLL_FORWARD = roll_forward
    result = deadline_compute(rule_id="KN-03", start_on=D(2026, 1, 5), complex=True)
    assert result.due_on == due


# --- Admin: edits go through the audited services ------------------------------------------


def admin_request(user: User):
    request = RequestFactory().post("/admin/deadlines/calendaroverride/")
    request.user = user
    return request


def test_admin_save_goes_through_the_audited_service(calendar_admin: User):
    model_admin = CalendarOverrideAdmin(CalendarOverride, AdminSite())
    form = CalendarOverrideForm(
        data={"day": "2027-02-03", "kind": "day_off", "document": "TB 2/TB-BNV", "note": ""}
    )
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    model_admin.save_model(admin_request(calendar_admin), obj, form, change=False)
    assert obj.pk == CalendarOverride.objects.get(day=D(2027, 2, 3)).pk
    assert AuditEntry.objects.filter(action="calendar_override.set").count() == 1
    model_admin.delete_model(admin_request(calendar_admin), obj)
    assert AuditEntry.objects.filter(action="calendar_override.delete").count() == 1


def test_admin_form_shows_the_service_validation_error():
    form = CalendarOverrideForm(
        data={"day": "2026-03-04", "kind": "make_up_workday", "document": "QĐ 1", "note": ""}
    )
    assert not form.is_valid()
    assert "Saturday" in str(form.errors) or "thứ Bảy" in str(form.errors)


def test_admin_hides_editing_from_officials_without_manage_calendar(
    reception_officer: User, calendar_admin: User
):
    model_admin = CalendarOverrideAdmin(CalendarOverride, AdminSite())
    assert not model_admin.has_add_permission(admin_request(reception_officer))
    assert not model_admin.has_delete_permission(admin_request(reception_officer))
    assert model_admin.has_change_permission(admin_request(calendar_admin))
