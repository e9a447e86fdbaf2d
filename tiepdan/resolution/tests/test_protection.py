"""Protection of denouncers (LTC Art. 9.1, 47-58): request, decision, end, and its secrecy."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import translation

from tiepdan.api.services import api_token_create
from tiepdan.audit.models import AuditEntry
from tiepdan.core.documents import read_back
from tiepdan.core.exceptions import PermissionDenied, ValidationFailed
from tiepdan.petitions.models import DocumentKind, PetitionDocument, PetitionEvent
from tiepdan.petitions.services import petition_assign
from tiepdan.resolution.models import ProtectionRequest
from tiepdan.resolution.protection import protection_decide, protection_end, protection_request
from tiepdan.resolution.selectors import protection_requests_for
from tiepdan.resolution.services import resolution_transition
from tiepdan.resolution.tests.helpers import accepted, at

RECEIVED_ON = dt.date(2026, 3, 2)
ACCEPTED_ON = dt.date(2026, 3, 4)
LATER = dt.date(2026, 3, 16)
PERSON = "Lê Thị Mai"
GROUNDS = "Bị người lạ theo dõi và đe dọa qua điện thoại sau khi gửi đơn"
Status = ProtectionRequest.Status


def _case(world, kind="denunciation"):
    return accepted(world, kind=kind, received_on=RECEIVED_ON, accepted_on=ACCEPTED_ON)


def _ask(world, case, actor=None, **overrides):
    values = {
        "person_name": PERSON,
        "relation": "spouse",
        "measures": ["life_health", "confidentiality"],
        "grounds": GROUNDS,
        "requested_on": dt.date(2026, 3, 10),
    }
    values.update(overrides)
    return protection_request(actor=actor or world.leader, resolution_id=case.pk, **values)


def _grant(world, asked, **overrides):
    values = {"grant": True, "note": "Bố trí bảo vệ nơi cư trú", "protecting_body": "Công an xã"}
    values.update(overrides)
    return protection_decide(actor=world.leader, request_id=asked.pk, **values)


def _assign_resolver(world, case):
    """The resolver may see the denouncer once the petition is assigned to them."""
    petition_assign(actor=world.leader, petition_id=case.petition_id, assignee=world.resolver)


def _decision(case) -> PetitionDocument:
    return case.petition.documents.get(kind=DocumentKind.PROTECTION_DECISION)


def _read(document: PetitionDocument):
    with document.file.open("rb") as handle:
        return read_back(handle.read())


# --- The flow ---------------------------------------------------------------------------


def test_a_request_is_recorded_granted_then_ended(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
        assert asked.status == Status.REQUESTED
        assert asked.measures == ["confidentiality", "life_health"]  # the law's order
        granted = _grant(world, asked)
    assert granted.status == Status.GRANTED
    assert granted.decided_on == LATER
    assert granted.decided_by == world.leader
    assert granted.protecting_body == "Công an xã"
    document = _decision(case)
    assert document.addressed_to_petitioner
    assert document.number.endswith("/QĐ-BTCD-T19")
    with at(LATER + dt.timedelta(days=20)):
        ended = protection_end(actor=world.leader, request_id=asked.pk, note="Hết nguy cơ")
    assert ended.status == Status.ENDED
    assert ended.ended_on == LATER + dt.timedelta(days=20)
    assert "Hết nguy cơ" in ended.decision_note
    assert "Bố trí bảo vệ nơi cư trú" in ended.decision_note
    actions = list(
        case.petition.events.filter(action__startswith="protection_").values_list(
            "action", flat=True
        )
    )
    assert actions == ["protection_request", "protection_grant", "protection_end"]


def test_a_grant_without_a_body_named_is_carried_out_by_the_resolving_unit(world):
    case = _case(world)
    with at(LATER):
        granted = _grant(world, _ask(world, case), protecting_body="  ")
    assert granted.protecting_body == case.org_unit.name


def test_a_request_is_refused_with_reasons_in_the_decision(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
        refused = protection_decide(
            actor=world.leader, request_id=asked.pk, grant=False, note="Không có căn cứ đe dọa"
        )
    assert refused.status == Status.REFUSED
    assert refused.protecting_body == ""
    text = _read(_decision(case))["text"]
    assert "Không áp dụng biện pháp bảo vệ" in text
    assert "Lý do: Không có căn cứ đe dọa." in text
    with at(LATER), pytest.raises(ValidationFailed) as error:
        protection_end(actor=world.leader, request_id=asked.pk, note="x")
    assert error.value.extra["field"] == "status"


def test_the_decision_is_an_official_docx_with_the_measures(world):
    case = _case(world)
    with at(LATER):
        _grant(world, _ask(world, case))
    document = _decision(case)
    content = _read(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in content["header_right"]
    assert content["title"] == "QUYẾT ĐỊNH"
    assert content["number"] == document.number
    text = content["text"]
    assert "Về việc áp dụng biện pháp bảo vệ người tố cáo" in text
    assert f"Ông/Bà {PERSON}, vợ hoặc chồng của người tố cáo" in text
    assert "- Bảo vệ bí mật thông tin." in text
    assert "- Bảo vệ tính mạng, sức khỏe." in text
    assert "Cơ quan thực hiện việc bảo vệ: Công an xã." in text
    assert "Điều 47" in text
    assert GROUNDS not in text  # the grounds stay in the case file


# --- Rights -----------------------------------------------------------------------------


def test_a_resolver_records_a_request_but_the_head_decides(world):
    case = _case(world)
    _assign_resolver(world, case)
    with at(LATER):
        asked = _ask(world, case, actor=world.resolver)
        with pytest.raises(PermissionDenied):
            protection_decide(actor=world.resolver, request_id=asked.pk, grant=True, note="x")
        _grant(world, asked)
        with pytest.raises(PermissionDenied):
            protection_end(actor=world.resolver, request_id=asked.pk, note="x")
    asked.refresh_from_db()
    assert asked.status == Status.GRANTED


def test_an_official_of_another_unit_is_refused(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
        with pytest.raises(PermissionDenied):
            _ask(world, case, actor=world.commune_leader)
        with pytest.raises(PermissionDenied):
            protection_decide(actor=world.commune_leader, request_id=asked.pk, grant=True, note="x")


def test_a_resolver_who_may_not_see_the_denouncer_does_not_handle_requests(world):
    case = _case(world)  # not assigned to the resolver: the denouncer is hidden from them
    with at(LATER), pytest.raises(PermissionDenied):
        _ask(world, case, actor=world.resolver)
    assert not ProtectionRequest.objects.exists()


def test_only_those_who_may_see_the_denouncer_read_the_requests(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
    assert protection_requests_for(world.leader, case) == [asked]
    for official in (world.resolver, world.triage, world.commune_leader):
        assert protection_requests_for(official, case) == []
    _assign_resolver(world, case)
    case.petition.refresh_from_db()
    assert protection_requests_for(world.resolver, case) == [asked]


# --- Validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"person_name": "  "}, "person_name", "Write the name of the person to protect."),
        ({"relation": "cousin"}, "relation", "Choose who the person is"),
        ({"measures": ["life_health", "flight"]}, "measures", "Unknown protection measure: flight"),
        ({"measures": []}, "measures", "Choose at least one protection measure."),
        ({"grounds": " "}, "grounds", "Write the grounds given for the request."),
        ({"requested_on": None}, "requested_on", "Give the date"),
        ({"requested_on": LATER + dt.timedelta(days=1)}, "requested_on", "and today"),
        ({"requested_on": RECEIVED_ON - dt.timedelta(days=1)}, "requested_on", "02/03/2026"),
    ],
    ids=[
        "name",
        "relation",
        "unknown-measure",
        "no-measure",
        "grounds",
        "no-date",
        "future",
        "early",
    ],
)
def test_a_request_is_checked_field_by_field(world, overrides, field, message):
    case = _case(world)
    with at(LATER), translation.override("en"), pytest.raises(ValidationFailed) as error:
        _ask(world, case, **overrides)
    assert error.value.extra["field"] == field
    assert message in str(error.value)
    assert not ProtectionRequest.objects.exists()


def test_a_request_may_date_from_the_day_the_petition_was_received(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case, requested_on=RECEIVED_ON)
    assert asked.requested_on == RECEIVED_ON


def test_a_request_is_decided_once_and_with_a_note(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
        with translation.override("en"), pytest.raises(ValidationFailed) as missing:
            _grant(world, asked, note=" ")
        assert missing.value.extra["field"] == "note"
        with pytest.raises(ValidationFailed) as no_reason:
            protection_decide(actor=world.leader, request_id=asked.pk, grant=False, note="")
        assert no_reason.value.extra["field"] == "note"
        _grant(world, asked)
        with translation.override("en"), pytest.raises(ValidationFailed) as twice:
            _grant(world, asked)
    assert twice.value.extra["field"] == "status"
    assert "already decided" in str(twice.value)
    assert case.petition.documents.filter(kind=DocumentKind.PROTECTION_DECISION).count() == 1


def test_only_a_granted_protection_is_ended_and_with_a_reason(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
        with pytest.raises(ValidationFailed) as early:
            protection_end(actor=world.leader, request_id=asked.pk, note="x")
        assert early.value.extra["field"] == "status"
        _grant(world, asked)
        with pytest.raises(ValidationFailed) as no_reason:
            protection_end(actor=world.leader, request_id=asked.pk, note=" ")
    assert no_reason.value.extra["field"] == "note"


def test_only_a_denunciation_takes_requests(world):
    complaint = _case(world, kind="complaint")
    with at(LATER), pytest.raises(ValidationFailed):
        _ask(world, complaint)


def test_protection_outlives_the_case_but_not_a_take_over(world):
    # Retaliation often follows the conclusion: a closed case still takes and ends protection.
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
        _grant(world, asked)
        resolution_transition(
            actor=world.leader, resolution_id=case.pk, action="terminate", note="Người tố cáo rút"
        )
        later = _ask(world, case, relation="child", measures=["honour"])
        ended = protection_end(actor=world.leader, request_id=asked.pk, note="Hết nguy cơ")
    assert later.status == Status.REQUESTED
    assert ended.status == Status.ENDED

    taken = _case(world)
    with at(LATER):
        resolution_transition(
            actor=world.leader,
            resolution_id=taken.pk,
            action="take_over",
            note="Quá hạn",
            to_unit=world.province,
        )
        # The lower unit no longer handles the case nor sees the denouncer.
        with pytest.raises(PermissionDenied):
            _ask(world, taken)


# --- Secrecy ----------------------------------------------------------------------------


def test_the_timeline_and_the_journal_never_hold_the_name_or_the_grounds(world):
    case = _case(world)
    with at(LATER):
        asked = _ask(world, case)
        _grant(world, asked)
        protection_end(actor=world.leader, request_id=asked.pk, note=f"{PERSON} chuyển nơi ở")
    events = PetitionEvent.objects.filter(action__startswith="protection_")
    assert events.count() == 3
    entries = AuditEntry.objects.filter(action__startswith="petition.protection_")
    assert entries.count() == 3
    written = [json.dumps([e.note, e.data], ensure_ascii=False) for e in events] + [
        json.dumps([a.summary, a.changes, a.object_repr], ensure_ascii=False) for a in entries
    ]
    for text in written:
        for secret in (PERSON, GROUNDS, "Bố trí bảo vệ", "chuyển nơi ở", "Công an xã"):
            assert secret not in text
    granted = events.get(action="protection_grant")
    assert granted.data["measures"] == ["confidentiality", "life_health"]
    assert granted.data["decision"] == "granted"


def _detail(case):
    return reverse("resolution:detail", kwargs={"reference": case.petition.reference})


def test_an_official_who_may_not_see_the_denouncer_sees_no_panel_and_no_decision(client, world):
    case = _case(world)
    with at(LATER):
        _grant(world, _ask(world, case))
    document = _decision(case)
    download = reverse("petitions:document", args=[case.petition.reference, document.pk])
    petition_page = reverse("petitions:detail", args=[case.petition.reference])
    for official in (world.resolver, world.triage):
        client.force_login(official)
        page = client.get(_detail(case)).content.decode()
        assert 'id="protection"' not in page
        assert PERSON not in page
        assert download not in page
        assert download not in client.get(petition_page).content.decode()
        assert client.get(download).status_code == 404
        record = reverse("resolution:protection_record", args=[case.petition.reference])
        assert client.post(record, {"protection-person_name": "x"}).status_code == 403
    client.force_login(world.leader)
    assert download in client.get(_detail(case)).content.decode()
    assert download in client.get(petition_page).content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert PERSON in read_back(b"".join(response.streaming_content))["text"]


def test_the_api_does_not_list_the_decision_to_whom_may_not_see_the_denouncer(client, world):
    case = _case(world)
    with at(LATER):
        _grant(world, _ask(world, case))

    def kinds(user):
        _token, raw = api_token_create(actor=None, user=user, name="Thử")
        answer = client.get(
            f"/api/v1/petitions/{case.petition.reference}",
            headers={"Authorization": f"Bearer {raw}"},
        )
        assert answer.status_code == 200
        return {d["kind"] for d in answer.json()["documents"]}

    assert "protection_decision" not in kinds(world.triage)
    assert "protection_decision" in kinds(world.leader)


# --- The page ---------------------------------------------------------------------------


def test_the_panel_records_decides_and_keeps_what_was_typed_on_an_error(client, world):
    case = _case(world)
    reference = case.petition.reference
    record = reverse("resolution:protection_record", args=[reference])
    client.force_login(world.leader)
    with at(LATER):
        page = client.get(_detail(case)).content.decode()
        assert 'id="protection"' in page
        assert 'name="protection-measures"' in page
        wrong = client.post(
            record,
            {
                "protection-person_name": PERSON,
                "protection-relation": "spouse",
                "protection-measures": ["life_health"],
                "protection-grounds": "",
                "protection-requested_on": "10/03/2026",
            },
        )
        assert wrong.status_code == 400
        html = wrong.content.decode()
        assert 'id="id_protection-grounds_error"' in html  # the message next to the input
        assert f'value="{PERSON}"' in html
        assert 'value="10/03/2026"' in html
        assert not ProtectionRequest.objects.exists()
        done = client.post(
            record,
            {
                "protection-person_name": PERSON,
                "protection-relation": "spouse",
                "protection-measures": ["life_health"],
                "protection-grounds": GROUNDS,
                "protection-requested_on": "10/03/2026",
            },
        )
        assert done.status_code == 302
        asked = ProtectionRequest.objects.get()
        decide = reverse("resolution:protection_decide", args=[reference, asked.pk])
        no_reason = client.post(decide, {f"decide-{asked.pk}-decision": "refuse"})
        assert no_reason.status_code == 400
        assert f'id="id_decide-{asked.pk}-note_error"' in no_reason.content.decode()
        granted = client.post(
            decide,
            {
                f"decide-{asked.pk}-decision": "grant",
                f"decide-{asked.pk}-note": "Bảo vệ nơi cư trú",
                f"decide-{asked.pk}-protecting_body": "Công an xã",
            },
        )
        assert granted.status_code == 302
        page = client.get(_detail(case)).content.decode()
    asked.refresh_from_db()
    assert asked.status == Status.GRANTED
    assert PERSON in page
    assert reverse("resolution:protection_end", args=[reference, asked.pk]) in page
    assert decide not in page  # decided: no second decision form


def test_a_request_of_another_case_is_not_found_from_this_one(client, world):
    case = _case(world)
    other = _case(world)
    with at(LATER):
        asked = _ask(world, case)
    client.force_login(world.leader)
    url = reverse("resolution:protection_decide", args=[other.petition.reference, asked.pk])
    assert client.post(url, {f"decide-{asked.pk}-decision": "grant"}).status_code == 404
