"""Seed the official 2025 and 2026 days off and make-up days of LEGAL.md §8.1 (CAL-04, CAL-05).

The data is written out here, not imported, so the migration keeps meaning what it meant when
it ran. It is idempotent (update_or_create by day). Days off the holidays package already knows
are seeded too, so the announcing document of every official weekday off is on record.
"""

import datetime as dt

from django.db import migrations

D = dt.date
OFF, WORK, NOT_HOLIDAY = "day_off", "make_up_workday", "not_holiday"

LAW = "BLLĐ 2019 Art. 112.1"
VPCP_8726 = "Bộ LĐTBXH notice following VPCP 8726/VPCP-KGVX (26/11/2024)"
VPCP_12729 = "VPCP 12729/VPCP-KGVX (25/12/2025)"
TB_9441 = "TB 9441/TB-BNV (16/10/2025)"

# (day, kind, document, note)
OVERRIDES = [
    # 2025
    (D(2025, 1, 1), OFF, LAW, "Tết Dương lịch; no swap found [U]"),
    *[(D(2025, 1, d), OFF, VPCP_8726, "Tết Ất Tỵ [S]") for d in range(27, 32)],
    (D(2025, 4, 7), OFF, LAW, "Giỗ Tổ Hùng Vương (10/3 âm lịch), computed [U]"),
    (D(2025, 4, 26), WORK, VPCP_8726, "Make-up Saturday for Fri 02/05/2025 [S]"),
    (D(2025, 4, 30), OFF, VPCP_8726, "Ngày Chiến thắng [S]"),
    (D(2025, 5, 1), OFF, VPCP_8726, "Ngày Quốc tế Lao động [S]"),
    (D(2025, 5, 2), OFF, VPCP_8726, "Swapped with Sat 26/04/2025 [S]"),
    (D(2025, 9, 1), OFF, VPCP_8726, "Quốc khánh [S]"),
    (D(2025, 9, 2), OFF, VPCP_8726, "Quốc khánh [S]"),
    # 2026
    (D(2026, 1, 1), OFF, VPCP_12729, "Tết Dương lịch [S]"),
    (D(2026, 1, 2), OFF, VPCP_12729, "Swapped with Sat 10/01/2026 [S]"),
    (D(2026, 1, 10), WORK, VPCP_12729, "Make-up Saturday for Fri 02/01/2026 [S]"),
    *[(D(2026, 2, d), OFF, TB_9441, "Tết Bính Ngọ [S]") for d in range(16, 21)],
    (D(2026, 4, 27), OFF, LAW + ", 111.3",
     "Giỗ Tổ falls on Sun 26/04/2026: compensatory day (CAL-03), computed [U]"),
    (D(2026, 4, 30), OFF, LAW, "Ngày Chiến thắng; no swap found [U]"),
    (D(2026, 5, 1), OFF, LAW, "Ngày Quốc tế Lao động; no swap found [U]"),
    (D(2026, 8, 22), WORK, TB_9441, "Make-up Saturday for Mon 31/08/2026 [S]"),
    (D(2026, 8, 31), OFF, TB_9441, "Swapped with Sat 22/08/2026 [S]"),
    (D(2026, 9, 1), OFF, TB_9441, "Quốc khánh [S]"),
    (D(2026, 9, 2), OFF, TB_9441, "Quốc khánh [S]"),
    (D(2026, 11, 24), NOT_HOLIDAY, "NQ 80-NQ/TW (07/01/2026); NQ 30/NQ-CP (2026): not yet law",
     "CAL-05: legal force unconfirmed; delete this row when the amended labour code is "
     "confirmed"),
]


def seed(apps, schema_editor):
    CalendarOverride = apps.get_model("deadlines", "CalendarOverride")
    for day, kind, document, note in OVERRIDES:
        CalendarOverride.objects.update_or_create(
            day=day, defaults={"kind": kind, "document": document, "note": note}
        )


def unseed(apps, schema_editor):
    CalendarOverride = apps.get_model("deadlines", "CalendarOverride")
    CalendarOverride.objects.filter(day__in=[row[0] for row in OVERRIDES]).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
