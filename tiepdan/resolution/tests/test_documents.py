"""Every resolution document is a numbered .docx in the NĐ 30/2020 format, built from the case."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.core.documents import read_back
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import Counter, DocumentKind, PetitionDocument
from tiepdan.resolution.documents import (
    SERIES,
    resolution_document_issue,
    resolution_document_preview,
)
from tiepdan.resolution.services import resolution_set_complexity, resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

K = DocumentKind
DENOUNCER = ("Nguyễn Văn Đức", "019085001234", "Xóm 3, xã Đại Từ")
ACCEPTED_ON = dt.date(2026, 3, 4)
LATER = dt.date(2026, 3, 16)


def _case(world, kind: str, **extra):
    return accepted(
        world,
        kind=kind,
        received_on=ACCEPTED_ON - dt.timedelta(days=2),
        accepted_on=ACCEPTED_ON,
        **extra,
    )


def _complaint(world):
    return _case(
        world,
        "complaint",
        name="Lê Thị Hoa",
        summary="Khiếu nại quyết định thu hồi đất của UBND xã",
        respondent_name="Chủ tịch UBND xã Đại Từ",
    )


def _denunciation(world):
    # The summary names the denouncer on purpose: the documents must mask it (LTC Art. 56).
    return _case(world, "denunciation", summary="Ông Nguyễn Văn Đức tố cáo cán bộ địa chính")


def _move(world, case, action, **kw):
    by_resolver = action in ("start_verification", "hold_dialogue", "notify_dialogue") or (
        case.track == "recommendation"
    )
    actor = world.resolver if by_resolver else world.leader
    resolution_transition(actor=actor, resolution_id=case.pk, action=action, **kw)


def _decided_complaint(world):
    case = _complaint(world)
    with at(LATER):
        _move(world, case, "start_verification", note="Tổ xác minh làm việc tại xã")
        _move(
            world,
            case,
            "decide",
            outcome="partly_founded",
            note="Sửa đổi một phần Quyết định thu hồi đất số 45/QĐ-UBND",
            amounts={
                "amount_returned": 150_000_000,
                "land_returned_m2": "120.5",
                "people_rights_restored": 1,
            },
        )
    return case, ["Khiếu nại là đúng một phần", "150.000.000 đồng", "120,5 m²", "cho 1 người"]


def _dialogue(world):
    case = _complaint(world)
    with at(LATER):
        _move(world, case, "start_verification")
        _move(
            world,
            case,
            "hold_dialogue",
            dialogue_on=LATER,
            dialogue_minutes="refused",
            note="Người khiếu nại giữ nguyên yêu cầu bồi thường",
        )
    return case, [
        "Người khiếu nại giữ nguyên yêu cầu bồi thường",
        "16/03/2026",
        "Lê Thị Hoa",
        "từ chối ký biên bản",  # LKN Art. 30.4: the refusal is noted
    ]


def _dialogue_notice(world):
    # After the reform: the invitation goes out at least 5 days before (KN-14).
    case = accepted(
        world,
        kind="complaint",
        received_on=dt.date(2026, 7, 1),
        accepted_on=dt.date(2026, 7, 2),
        name="Lê Thị Hoa",
        summary="Khiếu nại quyết định thu hồi đất của UBND xã",
        respondent_name="Chủ tịch UBND xã Đại Từ",
    )
    with at(dt.date(2026, 7, 8)):
        _move(world, case, "start_verification")
        _move(
            world,
            case,
            "notify_dialogue",
            planned_on=dt.date(2026, 7, 13),
            note="8 giờ 00, Hội trường UBND xã Đại Từ; mời đại diện Phòng Kinh tế",
        )
    return case, [
        "Kính gửi: Ông/Bà Lê Thị Hoa",
        "Thời gian: ngày 13/07/2026",
        "Hội trường UBND xã Đại Từ",
        "Chủ tịch UBND xã Đại Từ",
        "thu hồi đất",
        "Giấy mời được gửi ngày 08/07/2026, trước ngày đối thoại ít nhất 05 ngày",
        "155/2026/NĐ-CP",
    ]


def _extension(world):
    case = _denunciation(world)
    with at(LATER):
        resolution_set_complexity(
            actor=world.leader, resolution_id=case.pk, criteria=["several_places"]
        )
        _move(world, case, "extend", note="Phải xác minh tại hai xã")
    case.refresh_from_db()
    return case, [f"đến ngày {case.due_on:%d/%m/%Y}", "TC-06", "lần thứ 1"]


def _conclusion(world):
    case = _denunciation(world)
    with at(LATER):
        _move(world, case, "start_verification")
        _move(
            world,
            case,
            "decide",
            outcome="partly_founded",
            note="Ông Trần Văn Nam nhận 20 triệu đồng; kiến nghị kỷ luật khiển trách",
            amounts={"amount_recovered": 20_000_000},
        )
    return case, ["Tố cáo đúng một phần", "20.000.000 đồng", "kiến nghị kỷ luật", "Trần Văn Nam"]


def _suspended(world, kind="denunciation"):
    case = _complaint(world) if kind == "complaint" else _denunciation(world)
    with at(LATER):
        _move(world, case, "suspend", note="Chờ kết quả giám định chữ ký")
    return case, ["Chờ kết quả giám định chữ ký", "không tính vào thời hạn"]


def _resumed(world, kind="denunciation"):
    case, _ = _suspended(world, kind)
    with at(LATER + dt.timedelta(days=10)):
        _move(world, case, "resume", note="Đã có kết quả giám định")
    case.refresh_from_db()
    return case, ["26/03/2026", f"đến ngày {case.due_on:%d/%m/%Y}", "tiếp tục được tính"]


def _terminated(world, kind="complaint"):
    case = _complaint(world) if kind == "complaint" else _denunciation(world)
    with at(LATER):
        _move(world, case, "withdraw", note="Người khiếu nại rút toàn bộ đơn")
    return case, ["Đình chỉ việc giải quyết", "rút toàn bộ đơn"]


def _answer(world):
    case = _case(world, "recommendation", name="Phạm Văn Bình", summary="Đề nghị sửa đường")
    with at(LATER):
        _move(world, case, "decide", note="UBND xã sẽ sửa đường trong quý II")
    return case, ["Phạm Văn Bình", "sẽ sửa đường trong quý II"]


def _protection(world):
    from tiepdan.resolution.protection import protection_decide, protection_request

    case = _denunciation(world)
    with at(LATER):
        asked = protection_request(
            actor=world.leader,
            resolution_id=case.pk,
            person_name="Lê Thị Mai",
            relation="spouse",
            measures=["life_health"],
            grounds="Bị đe dọa",
            requested_on=LATER,
        )
        protection_decide(
            actor=world.leader,
            request_id=asked.pk,
            grant=True,
            note="Bố trí lực lượng bảo vệ nơi cư trú",
            protecting_body="Công an xã Đại Từ",
        )
    return case, ["Lê Thị Mai", "Bảo vệ tính mạng, sức khỏe", "Công an xã Đại Từ"]


def _opened(kind: str, expected: list[str]):
    def build(world):
        case = _complaint(world) if kind == "complaint" else _denunciation(world)
        return case, [f"đến ngày {case.due_on:%d/%m/%Y}", *expected]

    return build


def _withdrawal_record(world, kind="complaint"):
    # Part of a complaint may be withdrawn from 01/07/2026 (Law 136/2025 amending LKN Art. 10).
    day = dt.date(2026, 7, 6) if kind == "complaint" else ACCEPTED_ON
    if kind == "complaint":
        case = accepted(
            world, kind="complaint", received_on=day, accepted_on=day, name="Lê Thị Hoa"
        )
    else:
        case = _denunciation(world)
    with at(day + dt.timedelta(days=3)):
        resolution_transition(
            actor=world.resolver,
            resolution_id=case.pk,
            action="withdraw_part",
            note="Rút nội dung thứ hai của đơn do Nguyễn Văn Đức ký",
        )
    return case, ["Rút nội dung thứ hai", "Ghi nhận việc rút", "NGƯỜI LẬP BIÊN BẢN"]


def _review_answer(world):
    from tiepdan.resolution.tests.review_helpers import concluded, re_denunciation

    first = concluded(world)
    case = re_denunciation(
        world, first=first, received_on=dt.date(2026, 5, 6), accepted_on=dt.date(2026, 5, 8)
    )
    with at(dt.date(2026, 5, 15)):
        _move(world, case, "decline_review", note="Không có chứng cứ mới")
    return case, ["Kính gửi: Người tố cáo", first.decision_number, "Không có chứng cứ mới"]


SCENARIOS = {
    K.ACCEPTANCE_NOTICE: _opened("complaint", ["Lê Thị Hoa", "thụ lý giải quyết khiếu nại"]),
    K.ACCEPTANCE_DECISION: _opened("denunciation", ["Thụ lý tố cáo đối với Trần Văn Nam"]),
    K.DENOUNCER_NOTICE: _opened("denunciation", ["Kính gửi: Người tố cáo", "/QĐ-BTCD-T19"]),
    K.ACCUSED_NOTICE: _opened("denunciation", ["Kính gửi: Trần Văn Nam", "giải trình"]),
    K.EXTENSION_DECISION: _extension,
    K.DIALOGUE_MINUTES: _dialogue,
    K.DIALOGUE_NOTICE: _dialogue_notice,
    K.COMPLAINT_DECISION: _decided_complaint,
    K.DENUNCIATION_CONCLUSION: _conclusion,
    K.SUSPENSION_DECISION: _suspended,
    K.RESUME_DECISION: _resumed,
    K.TERMINATION_DECISION: _terminated,
    K.ANSWER_LETTER: _answer,
    K.PROTECTION_DECISION: _protection,
    K.WITHDRAWAL_RECORD: _withdrawal_record,
    K.REVIEW_ANSWER: _review_answer,
}
DENUNCIATION_SCENARIOS = {
    kind: SCENARIOS[kind]
    for kind in SERIES
    # The protection decision names the protected person by design; it is shown only to
    # those who may see the denouncer (test_protection.py).
    if SERIES[kind].tracks == {"denunciation"} and kind != K.PROTECTION_DECISION
} | {
    K.SUSPENSION_DECISION: lambda world: _suspended(world, "denunciation"),
    K.RESUME_DECISION: lambda world: _resumed(world, "denunciation"),
    K.TERMINATION_DECISION: lambda world: _terminated(world, "denunciation"),
    K.WITHDRAWAL_RECORD: lambda world: _withdrawal_record(world, "denunciation"),
}


def _read(document: PetitionDocument) -> dict:
    with document.file.open("rb") as handle:
        return read_back(handle.read())


def test_every_resolution_kind_has_a_scenario():
    assert set(SCENARIOS) == set(SERIES)


@pytest.mark.parametrize("kind", list(SERIES), ids=str)
def test_each_document_is_issued_from_the_case_in_the_official_format(world, kind):
    case, expected = SCENARIOS[kind](world)
    document = case.petition.documents.filter(kind=kind).latest("pk")
    content = _read(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in content["header_right"]
    assert "Độc lập - Tự do - Hạnh phúc" in content["header_right"]
    assert "BAN TIẾP CÔNG DÂN TỈNH" in content["header_left"]
    assert "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN" in content["header_left"]
    assert content["number"] == document.number
    assert document.number.endswith(f"/{SERIES[kind].series}-BTCD-T19")
    assert content["title"] == SERIES[kind].title
    assert "Thái Nguyên, ngày" in content["text"]
    code = tracking_code_display(case.petition.tracking_code)
    # Mẫu 05 and the answer to a re-denunciation go to the denouncer alone, by their code.
    if case.track == "denunciation" and kind not in (K.DENOUNCER_NOTICE, K.REVIEW_ANSWER):
        # The code is the denouncer's key: what reaches the accused names the register entry.
        assert code not in content["text"]
        entry = case.petition.register_entries.get(org_unit=case.org_unit)
        assert f"hồ sơ số {entry.number}/{entry.year}" in content["text"]
    else:
        assert code in content["text"]
    for text in expected:
        assert text in content["text"], text
    assert content["fonts"] == {"Times New Roman"}
    assert document.org_unit == case.org_unit


@pytest.mark.parametrize("kind", list(DENUNCIATION_SCENARIOS), ids=str)
def test_no_denunciation_document_reveals_the_denouncer(world, kind):
    case, _expected = DENUNCIATION_SCENARIOS[kind](world)
    assert case.track == "denunciation"
    document = case.petition.documents.filter(kind=kind).latest("pk")
    text = _read(document)["text"]
    for secret in DENOUNCER:
        assert secret not in text
    quoting_the_summary = {
        K.ACCEPTANCE_DECISION,
        K.DENOUNCER_NOTICE,
        K.ACCUSED_NOTICE,
        K.DENUNCIATION_CONCLUSION,
    }
    if kind in quoting_the_summary:  # the summary names the denouncer: it is quoted masked
        assert "(thông tin được giữ bí mật)" in text


def test_the_conclusion_and_the_accused_notice_never_name_the_denouncer_in_any_field(world):
    case = _denunciation(world)
    with at(LATER):
        _move(world, case, "start_verification", note="Ông Nguyễn Văn Đức cung cấp thêm tài liệu")
        _move(world, case, "decide", outcome="founded", note="Kết luận: Nguyễn Văn Đức tố đúng")
    for kind in (K.DENUNCIATION_CONCLUSION, K.ACCUSED_NOTICE):
        text = _read(case.petition.documents.get(kind=kind))["text"]
        assert not any(secret in text for secret in DENOUNCER), kind
        assert not any(secret.upper() in text.upper() for secret in DENOUNCER), kind


def test_acceptance_papers_and_the_second_complaint_window(world):
    denunciation = _denunciation(world)
    kinds = set(denunciation.petition.documents.values_list("kind", flat=True))
    assert {K.ACCEPTANCE_DECISION, K.DENOUNCER_NOTICE, K.ACCUSED_NOTICE} <= kinds
    case, _ = _decided_complaint(world)
    text = _read(case.petition.documents.get(kind=K.COMPLAINT_DECISION))["text"]
    assert "Trong thời hạn 30 ngày" in text  # KN-06
    assert "Ủy ban nhân dân tỉnh Thái Nguyên" in text  # where the second complaint goes
    assert "khởi kiện vụ án hành chính" in text
    assert "Căn cứ Luật Khiếu nại số 02/2011/QH13" in text
    assert "155/2026" not in text  # decided before 01/07/2026 (CAL-00)
    case.refresh_from_db()
    assert case.decision_number == case.petition.documents.get(kind=K.COMPLAINT_DECISION).number


def test_a_decision_after_the_reform_cites_the_amending_acts(world):
    case = accepted(
        world,
        kind="denunciation",
        received_on=dt.date(2026, 7, 6),
        accepted_on=dt.date(2026, 7, 8),
    )
    text = _read(case.petition.documents.get(kind=K.ACCEPTANCE_DECISION))["text"]
    assert "156/2026/NĐ-CP" in text
    assert "136/2025/QH15" in text


def test_a_withdrawal_that_goes_on_issues_no_termination_decision(world):
    case = _denunciation(world)
    with at(LATER):
        _move(world, case, "withdraw", must_continue=True, note="Rút do bị đe dọa")
    assert not case.petition.documents.filter(kind=K.TERMINATION_DECISION).exists()


def test_issuing_again_takes_a_new_number_and_keeps_the_first_file(world):
    case = _complaint(world)
    first = case.petition.documents.get(kind=K.ACCEPTANCE_NOTICE)
    with first.file.open("rb") as handle:
        original = handle.read()
    with at(LATER):
        again = resolution_document_issue(
            resolution=case, kind=K.ACCEPTANCE_NOTICE, actor=world.leader, note="Bản đính chính"
        )
    assert again.number != first.number
    assert again.file.name != first.file.name
    first.refresh_from_db()
    with first.file.open("rb") as handle:
        assert handle.read() == original
    assert "Bản đính chính" in _read(again)["text"]


def test_numbers_run_per_unit_year_and_series(world):
    case = _denunciation(world)
    numbers = dict(case.petition.documents.values_list("kind", "number"))
    # Mẫu 04 is a decision (QĐ); Mẫu 05 and Mẫu 06 are notices (TB), numbered in turn.
    assert numbers[K.ACCEPTANCE_DECISION] == "1/QĐ-BTCD-T19"
    assert numbers[K.DENOUNCER_NOTICE] == "1/TB-BTCD-T19"
    assert numbers[K.ACCUSED_NOTICE] == "2/TB-BTCD-T19"
    other = _complaint(world)
    assert other.petition.documents.get(kind=K.ACCEPTANCE_NOTICE).number == "3/TB-BTCD-T19"


def test_a_preview_is_neither_numbered_nor_stored(world):
    case = _complaint(world)
    counters = list(Counter.objects.values_list("series", "last"))
    documents = PetitionDocument.objects.count()
    with at(LATER):
        data = resolution_document_preview(
            resolution=case, kind=K.COMPLAINT_DECISION, actor=world.resolver, note="Dự thảo: bác"
        )
    content = read_back(data)
    assert content["number"].strip() == "/QĐ-BTCD-T19"
    assert "Dự thảo: bác" in content["text"]
    assert content["fonts"] == {"Times New Roman"}
    assert list(Counter.objects.values_list("series", "last")) == counters
    assert PetitionDocument.objects.count() == documents


def test_a_kind_of_another_track_is_refused(world):
    case = _complaint(world)
    with pytest.raises(ValidationFailed):
        resolution_document_issue(resolution=case, kind=K.ACCUSED_NOTICE, actor=world.leader)
    with pytest.raises(ValidationFailed):
        resolution_document_preview(resolution=case, kind="receipt", actor=world.leader)


def test_an_official_of_another_unit_gets_no_document(world):
    case = _complaint(world)
    with pytest.raises(PermissionDenied):
        resolution_document_preview(
            resolution=case, kind=K.ACCEPTANCE_NOTICE, actor=world.other_triage
        )
    with pytest.raises(PermissionDenied):
        resolution_document_issue(
            resolution=case, kind=K.ACCEPTANCE_NOTICE, actor=world.other_triage
        )


def test_the_issued_document_is_listed_and_downloadable_with_the_petition(client, world):
    case, _ = _decided_complaint(world)
    document = case.petition.documents.get(kind=K.COMPLAINT_DECISION)
    client.force_login(world.leader)
    response = client.get(f"/don-thu/{case.petition.reference}/")
    assert response.status_code == 200
    assert str(K.COMPLAINT_DECISION.label) in response.content.decode() or (
        "Quyết định giải quyết khiếu nại" in response.content.decode()
    )
    response = client.get(f"/don-thu/{case.petition.reference}/van-ban/{document.pk}/")
    assert response.status_code == 200
    assert read_back(b"".join(response.streaming_content))["number"] == document.number
