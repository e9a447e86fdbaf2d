"""A calendar with the declared days of LEGAL.md §8.1 that the holidays package does not know.

Written out here (not read from the seed migration) so the pure tests state the facts they rely
on; test_services checks that the seeded database gives the same calendar.
"""

import datetime as dt

from tiepdan.deadlines.working_days import WorkingCalendar

D = dt.date

OFFICIAL = WorkingCalendar(
    # VPCP 12729/VPCP-KGVX: Fri 02/01/2026 off; the package has only 01/01.
    days_off=frozenset({D(2026, 1, 2)}),
    # Sat 26/04/2025 (VPCP 8726), Sat 10/01/2026 (VPCP 12729), Sat 22/08/2026 (TB 9441) worked.
    make_up_workdays=frozenset({D(2025, 4, 26), D(2026, 1, 10), D(2026, 8, 22)}),
    # CAL-05: 24/11 Ngày Văn hóa Việt Nam is not yet a legal holiday.
    not_holidays=frozenset({D(2026, 11, 24)}),
)

PACKAGE_ONLY = WorkingCalendar()
