import re

import docx
import pytest
from django.utils import translation

from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.petitions.identity import TRACKING_ALPHABET, citizen_id_check
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import PetitionData, PetitionerData, petition_receive
from tiepdan.petitions.tests.conftest import RECEIVED_ON, receive


def test_a_postal_denunciation_gets_a_tracking_code_register_number_and_receipt(world):
    petition = receive(world)
    assert re.fullmatch(f"[{TRACKING_ALPHABET}]{{10}}", petition.tracking_code)
    assert petition.register_entries.get(org_unit=world.board).number == 1
    receipt = petition.documents.get(kind="receipt")
    text = "\n".join(p.text for p in docx.Document(receipt.file.path).paragraphs)
    assert "GIẤY BIÊN NHẬN" in text
    assert petition.tracking_code[:5] in text
    # A denouncer's name is kept out of documents (LTC Art. 56).
    assert "Nguyễn Văn Đức" not in text


def test_register_numbers_follow_each_other_in_a_unit(world):
    first, second = receive(world), receive(world)
    numbers = [p.register_entries.get().number for p in (first, second)]
    assert numbers == [1, 2]


def test_tracking_codes_are_not_sequential(world):
    codes = {receive(world).tracking_code for _ in range(5)}
    assert len(codes) == 5


def test_denunciation_starts_triage_and_initial_processing_limits(world):
    petition = receive(world)
    limits = {d.family: d for d in petition.deadlines.all()}
    assert set(limits) == {"XLD-05", "TC-01", "TC-02"}
    assert limits["TC-01"].due_on.isoformat() == "2026-03-11"  # 7 working days (LTC Art. 24.1)
    assert "LTC Art. 24.1" in limits["TC-01"].source


def test_a_complaint_out_of_time_is_flagged_by_the_limitation_check(world):
    import datetime as dt

    petition = receive(world, kind="complaint", decision_known_on=dt.date(2025, 10, 1))
    limitation = petition.deadlines.get(family="KN-01")
    assert limitation.is_overdue  # 90 days from 01/10/2025 ended before 02/03/2026


def test_receiving_is_journaled_and_leaves_the_first_event(world):
    petition = receive(world)
    assert list(petition.events.values_list("action", flat=True)) == ["receive"]
    assert AuditEntry.objects.filter(action="petition.receive", object_id=str(petition.pk)).exists()


def test_bad_input_lists_every_problem_in_vietnamese_and_saves_nothing(world):
    data = PetitionData(
        received_on=RECEIVED_ON,
        channel="post",
        kind="mixed",
        kinds=["complaint"],
        summary=" ",
        petitioners=[PetitionerData(full_name="A", citizen_id="123")],
    )
    # Explicitly Vietnamese: an earlier request in the same worker may leave English active.
    with translation.override("vi"), pytest.raises(ValidationFailed) as info:
        petition_receive(actor=world.triage, unit=world.board, data=data)
    errors = info.value.extra["errors"]
    assert set(errors) == {"summary", "kinds", "petitioners.0.citizen_id"}
    assert "12 chữ số" in errors["petitioners.0.citizen_id"]
    assert not Petition.objects.exists()


def test_an_official_cannot_record_in_another_unit(world):
    with pytest.raises(PermissionDenied):
        receive(world, unit=world.other)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("019085001234", True),  # Thái Nguyên, born 1985
        ("001203004567", True),  # Hà Nội, 2000s (digit 2), born 2003
        ("01908500123", False),  # 11 digits
        ("003085001234", False),  # 003 is not a province code
        ("019399001234", False),  # 21st century... 2099: in the future
        ("01908500123a", False),
    ],
)
def test_citizen_id_validation(value, ok, db):
    if ok:
        assert citizen_id_check(value) == value
    else:
        with pytest.raises(ValidationFailed):
            citizen_id_check(value)


def test_over_long_text_and_a_bad_email_are_reported_per_field(world):
    data = PetitionData(
        received_on=RECEIVED_ON,
        channel="post",
        kind="feedback",
        summary="x" * 501,
        petitioners=[PetitionerData(full_name="Lê Văn A", email="không-phải-email")],
    )
    with pytest.raises(ValidationFailed) as info:
        petition_receive(actor=world.triage, unit=world.board, data=data)
    assert set(info.value.extra["errors"]) == {"summary", "petitioners.0.email"}


def test_a_complaint_filed_late_is_flagged_but_is_not_a_running_limit(world):
    import datetime as dt

    from tiepdan.petitions.selectors import InboxFilters, petition_inbox

    petition = receive(world, kind="complaint", decision_known_on=dt.date(2025, 10, 1))
    limitation = petition.deadlines.get(family="KN-01")
    assert limitation.met_on == RECEIVED_ON
    assert limitation.is_overdue  # flagged: filed after the 90 days
    (row,) = petition_inbox(user=world.triage, filters=InboxFilters())
    running = petition.deadlines.filter(met_on=None).order_by("due_on").first()
    assert running.family != "KN-01"
    assert row.next_due_on == running.due_on  # the inbox's next due date ignores the check


def test_a_complaint_against_a_disciplinary_decision_has_15_days(world):
    import datetime as dt

    petition = receive(
        world,
        kind="complaint",
        complaint_subject="disciplinary_decision",
        decision_known_on=RECEIVED_ON - dt.timedelta(days=20),
    )
    limitation = petition.deadlines.get(family="KN-D1")
    assert limitation.is_overdue  # 20 days > 15 (LKN Art. 48)
    assert not petition.deadlines.filter(family="KN-01").exists()
