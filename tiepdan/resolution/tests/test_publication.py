"""Publication: redaction of protected data, four eyes, minimum period (KN-10, TC-11, TC-12)."""

import datetime as dt
import re
import unicodedata

import pytest

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.audit.models import AuditEntry
from tiepdan.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from tiepdan.core.text import fold
from tiepdan.petitions.services import PetitionerData
from tiepdan.resolution.models import Publication
from tiepdan.resolution.publication import (
    publication_approve,
    publication_draft,
    publication_update,
    publication_withdraw,
)
from tiepdan.resolution.publication.redaction import (
    REDACTED,
    Category,
    Person,
    find,
    protected_rules,
    redact,
)
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at
from tiepdan.resolution.tests.publication_helpers import (
    ACCUSED,
    DECIDED_ON,
    PUBLISHED_ON,
    decided_case,
    published,
)

DUC = Person(
    full_name="Nguyễn Văn Đức",
    citizen_id="019085001234",
    address="Xóm Đồng Tâm, xã Đại Từ",
    phone="0912 345 678",
    email="duc.nguyen@example.vn",
)
HIDE = protected_rules([DUC], hide_names=True)
INITIALS = protected_rules([DUC], hide_names=False)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Ông Nguyễn Văn Đức tố cáo", Category.DENOUNCER_NAME),
        ("ông NGUYỄN VĂN ĐỨC tố cáo", Category.DENOUNCER_NAME),
        ("ông nguyen van duc tố cáo", Category.DENOUNCER_NAME),
        ("ông Nguyễn   Văn\nĐức tố cáo", Category.DENOUNCER_NAME),
        (unicodedata.normalize("NFD", "ông Nguyễn Văn Đức tố cáo"), Category.DENOUNCER_NAME),
        ("theo đơn của Văn Đức", Category.DENOUNCER_NAME),
        ("anh Nguyễn Văn, người gửi đơn", Category.DENOUNCER_NAME),
        ("ông Đức cho biết", Category.DENOUNCER_NAME),
        ("Nguyễn Văn Đ. cho biết", Category.DENOUNCER_NAME),
        ("CCCD số 019085001234.", Category.CITIZEN_ID),
        ("CCCD 019 085 001 234", Category.CITIZEN_ID),
        ("gọi 0912345678", Category.PHONE),
        ("gọi +84 912 345 678", Category.PHONE),
        ("gọi 0912.345.678", Category.PHONE),
        ("thư gửi DUC.NGUYEN@EXAMPLE.VN", Category.EMAIL),
        ("trú tại Xóm Đồng Tâm, xã Đại Từ", Category.ADDRESS),
        ("trú tại xom dong tam", Category.ADDRESS),
    ],
)
def test_every_form_of_a_protected_datum_is_found_and_cut(text, category):
    redacted, counts = redact(text, HIDE)
    assert counts[category] >= 1
    assert REDACTED in redacted
    assert find(redacted, HIDE) == {}
    folded = fold(redacted)
    for trace in ("nguyen van", "van duc", "ong duc", "dong tam", "duc.nguyen"):
        assert trace not in folded
    digits = re.sub(r"\D", "", folded)
    assert "019085001234" not in digits
    assert "912345678" not in digits


def test_other_people_and_the_commune_are_left_alone():
    text = "Ông Trần Văn Nam và bà Nguyễn Văn Nam, Ủy ban nhân dân xã Đại Từ. Văn bản số 3."
    redacted, counts = redact(text, HIDE)
    assert redacted == text
    assert counts == {}


def test_a_complainant_is_shortened_to_initials_and_contact_data_are_cut():
    text = "Bà Nguyễn Văn Đức (0912345678, Xóm Đồng Tâm, xã Đại Từ) khiếu nại. Ông Đức đồng ý."
    redacted, counts = redact(text, INITIALS)
    assert redacted == f"Bà N.V.Đ. ({REDACTED}, {REDACTED}) khiếu nại. Ông Đ. đồng ý."
    assert counts[Category.PETITIONER_NAME] == 2
    assert find(redacted, INITIALS) == {}


def test_draft_of_a_conclusion_names_the_accused_and_outcome_but_no_trace_of_the_denouncer(
    world,
):
    case = decided_case(world)
    with at(PUBLISHED_ON):
        draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    assert draft.status == Publication.Status.DRAFT
    assert draft.kind == Publication.Kind.DENUNCIATION_CONCLUSION
    assert draft.min_days == 15  # KN-10 / TC-12
    assert len(draft.slug) == 12
    assert not draft.slug.isdigit()
    assert "15/KL-UBND" in draft.title
    assert "20/03/2026" in draft.title
    assert ACCUSED in draft.body
    assert "Đúng" in draft.body
    assert "20.000.000" in draft.body
    folded = fold(draft.title + " " + draft.body)
    for trace in ("nguyen van duc", "nguyen van", "van duc", "019085001234", "dong tam"):
        assert trace not in folded
    assert "0912" not in draft.body
    assert "duc.nguyen" not in folded
    assert draft.redactions[Category.DENOUNCER_NAME] == 2
    entry = AuditEntry.objects.get(action="publication.draft")
    assert "nguyen" not in fold(str(entry.changes) + entry.summary)


def test_a_complaint_decision_publishes_the_complainant_as_initials(world):
    case = decided_case(
        world,
        kind="complaint",
        petitioners=[PetitionerData(full_name="Lê Thị Hoa", citizen_id="019185004321")],
        note="Bà Lê Thị Hoa (CCCD 019185004321) khiếu nại quyết định thu hồi đất.",
    )
    with at(PUBLISHED_ON):
        draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    assert draft.kind == Publication.Kind.COMPLAINT_DECISION
    assert "L.T.H." in draft.body
    assert "Lê Thị Hoa" not in draft.body
    assert "019185004321" not in draft.body


def test_only_a_decided_case_of_a_kind_the_law_publishes_can_be_drafted(world):
    open_case = accepted(
        world, kind="denunciation", received_on=dt.date(2026, 3, 2), accepted_on=dt.date(2026, 3, 4)
    )
    with pytest.raises(ValidationFailed):
        publication_draft(actor=world.resolver, resolution_id=open_case.pk)
    answer = accepted(
        world,
        kind="recommendation",
        received_on=dt.date(2026, 3, 2),
        accepted_on=dt.date(2026, 3, 4),
    )
    resolution_transition(
        actor=world.resolver, resolution_id=answer.pk, action="decide", note="Đã trả lời"
    )
    with pytest.raises(ValidationFailed, match="không yêu cầu công khai"):
        publication_draft(actor=world.resolver, resolution_id=answer.pk)


def test_an_official_of_another_unit_cannot_draft(world):
    case = decided_case(world)
    with pytest.raises(PermissionDenied):
        publication_draft(actor=world.commune_leader, resolution_id=case.pk)


def test_a_case_has_one_active_text_and_can_have_another_once_withdrawn(world):
    case = decided_case(world)
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    with pytest.raises(Conflict) as raised:
        publication_draft(actor=world.resolver, resolution_id=case.pk)
    assert raised.value.extra["slug"] == draft.slug
    publication_withdraw(actor=world.resolver, publication_id=draft.pk, reason="")
    again = publication_draft(actor=world.resolver, resolution_id=case.pk)
    assert again.slug != draft.slug


@pytest.mark.parametrize(
    "inserted",
    ["Ông Nguyễn Văn Đức", "ông NGUYEN VAN DUC", "Văn Đức", "CCCD 019085001234", "0912 345 678"],
)
def test_the_reviewer_cannot_put_a_protected_datum_back(world, inserted):
    case = decided_case(world)
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    with pytest.raises(ValidationFailed) as raised:
        publication_update(
            actor=world.leader,
            publication_id=draft.pk,
            title=draft.title,
            body=f"{draft.body}\n{inserted} đã tố cáo.",
        )
    message = str(raised.value)
    assert "thông tin phải giữ bí mật" in message
    assert "nguyen" not in fold(message)
    assert "van duc" not in fold(message)
    assert "019085001234" not in message
    assert "345" not in message
    draft.refresh_from_db()
    assert inserted not in draft.body


def test_the_reviewer_edits_a_clean_text_and_search_follows(world):
    case = decided_case(world)
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    publication_update(
        actor=world.leader,
        publication_id=draft.pk,
        title="Kết luận nội dung tố cáo đối với ông Trần Văn Nam",
        body=draft.body + "\nĐã chuyển hồ sơ cho cơ quan điều tra.",
    )
    draft.refresh_from_db()
    assert "co quan dieu tra" in draft.search_text
    assert AuditEntry.objects.filter(action="publication.update").count() == 1


def test_the_preparer_cannot_approve_and_a_resolver_cannot_either(world):
    case = decided_case(world)
    draft = publication_draft(actor=world.leader, resolution_id=case.pk)
    with pytest.raises(PermissionDenied, match="cán bộ khác"):
        publication_approve(actor=world.leader, publication_id=draft.pk)
    with pytest.raises(PermissionDenied):
        publication_approve(actor=world.resolver, publication_id=draft.pk)
    deputy = make_official(world.board, Role.UNIT_LEADER, username="phoban")
    publication_approve(actor=deputy, publication_id=draft.pk)
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by) == (Publication.Status.PUBLISHED, deputy)


def test_approval_publishes_for_fifteen_days_and_meets_tc11(world):
    case = decided_case(world)
    tc11 = case.petition.deadlines.get(family="TC-11")
    assert tc11.started_on == DECIDED_ON
    assert tc11.met_on is None
    publication = published(world, case)
    assert publication.published_on == PUBLISHED_ON
    assert publication.unpublish_after == PUBLISHED_ON + dt.timedelta(days=15)
    tc11.refresh_from_db()
    assert tc11.met_on == PUBLISHED_ON
    with pytest.raises(Conflict):
        publication_approve(actor=world.leader, publication_id=publication.pk)
    with pytest.raises(Conflict):
        publication_update(actor=world.leader, publication_id=publication.pk, title="x", body="y")


def test_withdrawal_before_the_minimum_period_needs_a_leader_and_a_reason(world):
    publication = published(world, decided_case(world))
    last_day = publication.unpublish_after
    with at(last_day), pytest.raises(PermissionDenied, match="chỉ lãnh đạo"):
        publication_withdraw(actor=world.resolver, publication_id=publication.pk, reason="Sai sót")
    with at(last_day), pytest.raises(ValidationFailed):
        publication_withdraw(actor=world.leader, publication_id=publication.pk, reason="  ")
    with at(last_day):
        publication_withdraw(actor=world.leader, publication_id=publication.pk, reason="Sai sót")
    publication.refresh_from_db()
    assert publication.status == Publication.Status.WITHDRAWN
    entry = AuditEntry.objects.get(action="publication.withdraw")
    assert entry.changes["before_minimum"] is True


def test_after_the_minimum_period_a_resolver_may_withdraw_with_a_reason(world):
    publication = published(world, decided_case(world))
    with at(publication.unpublish_after + dt.timedelta(days=1)):
        publication_withdraw(actor=world.resolver, publication_id=publication.pk, reason="Hết hạn")
    publication.refresh_from_db()
    assert (publication.status, publication.withdrawn_by) == (
        Publication.Status.WITHDRAWN,
        world.resolver,
    )


def test_a_unit_that_no_longer_exists_cannot_publish(world):
    case = decided_case(world)
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    type(world.board).objects.filter(pk=world.board.pk).update(valid_to=dt.date(2026, 3, 21))
    with at(PUBLISHED_ON), pytest.raises(ValidationFailed):
        publication_approve(actor=world.leader, publication_id=draft.pk)


def test_an_answer_to_regulation_feedback_is_published_as_such(world):
    case = accepted(
        world,
        kind="regulation_feedback",
        received_on=dt.date(2026, 3, 2),
        accepted_on=dt.date(2026, 3, 4),
        petitioners=[PetitionerData(full_name="Phạm Minh Tuấn", phone="0987654321")],
    )
    with at(DECIDED_ON):
        resolution_transition(
            actor=world.resolver, resolution_id=case.pk, action="start_verification"
        )
        resolution_transition(
            actor=world.leader,
            resolution_id=case.pk,
            action="decide",
            regulation_outcome="amend",
            note="Ông Phạm Minh Tuấn (0987654321) kiến nghị sửa thủ tục; đã sửa đổi quy định.",
        )
    draft = publication_draft(actor=world.resolver, resolution_id=case.pk)
    assert draft.kind == Publication.Kind.REGULATION_ANSWER
    assert "P.M.T." in draft.body
    assert "Phạm Minh Tuấn" not in draft.body
    assert "0987654321" not in draft.body
