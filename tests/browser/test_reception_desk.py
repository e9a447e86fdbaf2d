"""The reception desk in a real browser: a routine visit entered with the keyboard only, and the
person's earlier visits shown as soon as the citizen-ID field is left."""

import datetime as dt
import re
import time

import pytest
from django.urls import reverse

from tests.browser.keyboard import focused as _focused
from tests.browser.keyboard import shot as _shot
from tests.browser.keyboard import sign_in as _sign_in
from tests.browser.keyboard import tab_to as _tab_to
from tiepdan.accounts.models import User
from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.core import clock
from tiepdan.organizations.models import OrgUnit, ReceptionOffice
from tiepdan.organizations.tests.factories import make_unit
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.reception.models import Visit
from tiepdan.reception.services import VisitData, VisitorData, visit_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
CITIZEN_ID = "019085001234"
# The outcome radios in the order of DeskOutcome: ArrowDown moves one down.
OUTCOME_INDEX = {"petition_received": 0, "explained": 4}


@pytest.fixture
def board():
    root = make_unit(name="Ủy ban nhân dân tỉnh Thái Nguyên", code="UBND-T19")
    board = make_unit(
        parent=root,
        kind=OrgUnit.Kind.RECEPTION_BOARD,
        name="Ban Tiếp công dân tỉnh",
        code="BTCD-T19",
    )
    ReceptionOffice.objects.create(
        org_unit=board, name="Trụ sở Tiếp công dân tỉnh", address="Phường Phan Đình Phùng"
    )
    officer = make_official(board, Role.RECEPTION_OFFICER, username="letan")
    officer.full_name = "Nguyễn Thị Lan"
    officer.save()
    return board


def _open_entry_page(page, live_server) -> None:
    _sign_in(page, live_server, "letan")
    page.goto(live_server.url + reverse("reception:visit_new"))
    # Typing starts at the citizen ID: the date, time, office and receiver have defaults.
    assert _focused(page)["id"] == "id_v1-citizen_id"


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
@pytest.mark.parametrize("outcome", ["petition_received", "explained"])
def test_a_routine_visit_is_recorded_with_the_keyboard_only(
    page, live_server, artifacts_dir, board, outcome
):
    _open_entry_page(page, live_server)
    started = time.perf_counter()
    page.keyboard.type(CITIZEN_ID)
    page.keyboard.press("Tab")
    page.keyboard.type("Nguyễn Văn Đức")
    page.keyboard.press("Tab")
    page.keyboard.type("0912345678")
    page.keyboard.press("Tab")
    page.keyboard.type("Xóm Đồng Tâm, xã Đại Từ")
    _tab_to(page, element_id="id_summary")
    page.keyboard.type("Khiếu nại mức bồi thường khi thu hồi đất làm đường liên xã")
    # Tab lands on the chosen radio of the group; the arrow keys move the choice.
    _tab_to(page, element_id="id_outcome_0")
    if outcome == "petition_received":
        page.keyboard.press("ArrowDown")  # the officer hesitates, then comes back
        page.keyboard.press("ArrowUp")
    else:
        for _ in range(OUTCOME_INDEX[outcome]):
            page.keyboard.press("ArrowDown")
    assert page.locator(f"#id_outcome_{OUTCOME_INDEX[outcome]}").is_checked()
    if outcome == "petition_received":
        _tab_to(page, element_id="id_petition_content")
        page.keyboard.type("Đề nghị xem xét lại mức bồi thường trong quyết định thu hồi đất.")
    _shot(page, artifacts_dir, f"visit-entry-{outcome}")
    page.keyboard.press("Alt+s")

    page.wait_for_url(re.compile(r".*/tiep-dan/luot-tiep/BTCD-T19/\d{4}/1/\?recorded=1$"))
    elapsed = time.perf_counter() - started
    print(f"\nkeyboard entry of a visit ({outcome}): {elapsed:.1f} s")
    visit = Visit.objects.get()
    assert visit.outcome == outcome
    assert (visit.serial, visit.year) == (1, clock.today().year)
    recorded = page.locator(".recorded")
    assert recorded.get_by_text(f"{visit.serial}/{visit.year}").first.is_visible()
    if outcome == "petition_received":
        code = tracking_code_display(visit.petition.tracking_code)
        assert recorded.get_by_text(code).is_visible()
    else:
        assert visit.petition is None
    assert visit.persons.get().visitor.phone == "0912345678"
    _shot(page, artifacts_dir, f"visit-recorded-{outcome}")
    assert page.foreign_requests == []


@pytest.mark.parametrize("page", [LAPTOP], indirect=True, ids=["laptop"])
def test_leaving_the_citizen_id_shows_the_persons_earlier_visit(
    page, live_server, artifacts_dir, board
):
    officer = User.objects.get(username="letan")
    earlier = visit_record(
        actor=officer,
        unit=board,
        data=VisitData(
            received_at=clock.now() - dt.timedelta(days=7),
            visitors=[VisitorData(full_name="Nguyễn Văn Đức", citizen_id=CITIZEN_ID)],
            summary="Khiếu nại quyết định thu hồi đất nông nghiệp",
            petition_kind="complaint",
            outcome="explained",
        ),
    )
    _open_entry_page(page, live_server)
    requests = []
    page.on("request", lambda req: requests.append((req.method, req.url)))
    page.keyboard.type(CITIZEN_ID)
    page.keyboard.press("Tab")  # leaving the field asks for the history
    history = page.locator("#citizen-history")
    history.get_by_text("Khiếu nại quyết định thu hồi đất nông nghiệp").wait_for()
    # Asked in the body of a POST: a citizen ID in an address would reach the access logs.
    lookup = live_server.url + reverse("reception:citizen_lookup")
    assert ("POST", lookup) in requests
    assert not [url for _method, url in requests if CITIZEN_ID in url]
    assert history.get_by_text(f"{earlier.serial}/{earlier.year}").first.is_visible()
    _shot(page, artifacts_dir, "visit-entry-history")
    # The visit continues the same case: one key press on "Same case" fills it in.
    _tab_to(page, text="Cùng vụ việc")
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "id_same_case_as"
    assert page.locator("#id_same_case_as").input_value() == f"{earlier.serial}/{earlier.year}"
    assert page.foreign_requests == []
