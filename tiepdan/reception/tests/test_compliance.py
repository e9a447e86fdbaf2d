"""The compliance view: sessions held per head in a month against the legal minimum
(LEGAL.md §1.4; minimums as data, by date)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tiepdan.accounts.roles import Role
from tiepdan.accounts.tests.factories import make_official
from tiepdan.core.exceptions import ValidationFailed
from tiepdan.reception.compliance import compliance_for_month, weeks_in_month
from tiepdan.reception.models import HeadKind
from tiepdan.reception.services import session_hold, session_schedule
from tiepdan.reception.tests.conftest import SCHEDULED_ON, local_at
from tiepdan.resolution.tests.helpers import at


@pytest.mark.parametrize(
    ("year", "month", "weeks"),
    [(2026, 11, 4), (2026, 10, 5), (2026, 6, 4), (2027, 2, 4), (2026, 12, 5)],
)
def test_a_week_belongs_to_the_month_holding_its_thursday(year, month, weeks):
    assert weeks_in_month(year, month) == weeks


def _held(world, *, desk, unit, head, days):
    with at(SCHEDULED_ON):
        sessions = [
            session_schedule(
                actor=desk,
                unit=unit,
                head=head,
                head_kind=HeadKind.COMMUNE_CHAIR,
                kind="periodic",
                starts_at=local_at(day),
                place="Hội trường UBND xã",
            )
            for day in days
        ]
    for session in sessions:
        with at(session.starts_at.date()):
            session_hold(actor=desk, session=session)


NOVEMBER = [
    dt.date(2026, 11, 2),
    dt.date(2026, 11, 9),
    dt.date(2026, 11, 16),
    dt.date(2026, 11, 23),
]


@pytest.fixture
def november(heads):
    # The commune chair of Đại Từ receives every week of November (4 weeks by the Thursday
    # rule); the chair of Quân Chu only twice, and a third session is never held.
    _held(
        heads, desk=heads.commune_desk, unit=heads.commune, head=heads.commune_leader, days=NOVEMBER
    )
    _held(heads, desk=heads.other_desk, unit=heads.other, head=heads.other_chair, days=NOVEMBER[:2])
    with at(SCHEDULED_ON):
        session_schedule(
            actor=heads.other_desk,
            unit=heads.other,
            head=heads.other_chair,
            head_kind=HeadKind.COMMUNE_CHAIR,
            kind="periodic",
            starts_at=local_at(NOVEMBER[2]),
            place="Hội trường",
        )
    # An ad-hoc session does not make up for the missing periodic days (LTCD Art. 18.3).
    with at(dt.date(2026, 11, 18)):
        ad_hoc = session_schedule(
            actor=heads.other_desk,
            unit=heads.other,
            head=heads.other_chair,
            head_kind=HeadKind.COMMUNE_CHAIR,
            kind="ad_hoc",
            starts_at=local_at(dt.date(2026, 11, 19)),
            place="Hội trường",
        )
    with at(dt.date(2026, 11, 19)):
        session_hold(actor=heads.other_desk, session=ad_hoc)
    # The province's leader oversees both communes (VIEW_REPORTS reaches down the tree).
    heads.province_leader = make_official(heads.province, Role.UNIT_LEADER, username="tinh.ld")
    return heads


def test_compliance_flags_the_commune_chair_below_the_minimum(november):
    with at(dt.date(2026, 12, 1)):
        rows = compliance_for_month(user=november.province_leader, year=2026, month=11)
    by_head = {row.head_name: row for row in rows}
    met = by_head["Nguyễn Văn Chủ"]
    below = by_head["khac.chutich"]
    assert (met.held, met.required, met.is_below) == (4, 4, False)
    assert (below.held, below.required, below.is_below) == (2, 4, True)
    assert below.minimum.source.startswith("LTCD Art. 15.2.d")
    assert below.minimum.confirmed is False  # the post-2026 commune rule is unconfirmed [U]


def test_compliance_counts_in_one_grouped_query(november, django_assert_max_num_queries):
    with at(dt.date(2026, 12, 1)), django_assert_max_num_queries(8):
        compliance_for_month(user=november.province_leader, year=2026, month=11)


def test_an_official_sees_only_their_units_heads(november):
    with at(dt.date(2026, 12, 1)):
        rows = compliance_for_month(user=november.commune_desk, year=2026, month=11)
    assert [row.head_name for row in rows] == ["Nguyễn Văn Chủ"]


def test_compliance_page_shows_the_flag_and_the_source(november, client):
    with at(dt.date(2026, 12, 1)):
        client.force_login(november.province_leader)
        response = client.get(reverse("reception:compliance"), {"month": "2026-11"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "row--overdue" in text
    assert "LTCD Art. 15.2.d" in text


# --- Weeks, reception days, heads without sessions (LEGAL.md §1.4) ------------------------------

# October 2026 holds five Thursdays (01, 08, 15, 22, 29): five weeks, the first from Monday 28/09.
OCTOBER_MONDAYS = [dt.date(2026, 9, 28)] + [dt.date(2026, 10, day) for day in (5, 12, 19, 26)]


def _held_on(world, days, *, hour=8, published=dt.date(2026, 9, 1)):
    """Periodic sessions of the Đại Từ chair, published on `published` and held on their day."""
    with at(published):
        sessions = [
            session_schedule(
                actor=world.commune_desk,
                unit=world.commune,
                head=world.commune_leader,
                kind="periodic",
                starts_at=local_at(day, hour),
                place="Hội trường UBND xã",
            )
            for day in days
        ]
    for session in sessions:
        with at(session.starts_at.date()):
            session_hold(actor=world.commune_desk, session=session)


def _row(rows, username):
    return next(row for row in rows if row.head_username == username)


def test_a_chair_receiving_every_monday_meets_the_weekly_minimum_in_a_five_week_month(heads):
    # Monday 28/09 is in the first week of October (its Thursday is 01/10).
    _held_on(heads, OCTOBER_MONDAYS)
    with at(dt.date(2026, 11, 2)):
        rows = compliance_for_month(user=heads.commune_desk, year=2026, month=10)
    chair = _row(rows, "xa.chutich")
    assert (chair.held, chair.required, chair.weeks_missed, chair.is_below) == (5, 5, (), False)


def test_two_sessions_on_one_day_do_not_make_up_for_a_week_missed(heads):
    # 02/11 morning and afternoon, 09/11, 16/11; nothing in the week of 23/11.
    _held_on(heads, [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16)])
    _held_on(heads, [dt.date(2026, 11, 2)], hour=14)
    with at(dt.date(2026, 12, 1)):
        rows = compliance_for_month(user=heads.commune_desk, year=2026, month=11)
    chair = _row(rows, "xa.chutich")
    assert (chair.held, chair.required, chair.is_below) == (3, 4, True)
    assert chair.weeks_missed == (dt.date(2026, 11, 23),)


def test_a_leader_with_no_session_at_all_is_listed_with_zero_and_flagged(november):
    with at(dt.date(2026, 12, 1)):
        rows = compliance_for_month(user=november.province_leader, year=2026, month=11)
    by_username = {row.head_username: row for row in rows}
    province = by_username["tinh.ld"]
    assert (province.head_kind, province.held, province.required) == ("province_chair", 0, 1)
    assert province.is_below
    board = by_username["truongban"]
    assert (board.head_kind, board.held, board.is_below) == ("agency_head", 0, True)
    # Reception officers are not heads: they are never listed.
    assert not {"xa.letan", "khac.letan", "letan"} & set(by_username)


def test_the_page_names_the_weeks_missed(november, client):
    with at(dt.date(2026, 12, 1)):
        client.force_login(november.province_leader)
        text = client.get(reverse("reception:compliance"), {"month": "2026-11"}).content.decode()
    assert "16/11–22/11, 23/11–29/11" in text


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1999-12", "2101-01"])
def test_a_month_out_of_bounds_is_refused_with_a_message(heads, client, month):
    with at(dt.date(2026, 12, 1)), translation.override("en"):
        client.force_login(heads.commune_desk)
        response = client.get(
            reverse("reception:compliance"), {"month": month}, headers={"accept-language": "en"}
        )
        year, number = (int(part) for part in month.split("-"))
        with pytest.raises(ValidationFailed) as exc:
            compliance_for_month(user=heads.commune_desk, year=year, month=number)
    assert response.status_code == 400
    assert "Choose a month between 01/2000 and 12/2100." in response.content.decode()
    assert month in response.content.decode()  # what was typed stays in the field
    assert exc.value.extra["field"] == "month"
