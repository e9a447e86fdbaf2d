"""Seed the refusal grounds and the heads' reception minimums from LEGAL.md §1.4 and §2.5.

Both are data an administrator can amend: the list of grounds needing a written notice
(TCD-02) and the commune chair's minimum after Law 136/2025 are unconfirmed [U].
"""

import datetime as dt

from django.db import migrations

GROUNDS = [
    # (code, text, source, needs_notice)
    ("ltcd-9.1", "Người trong tình trạng say do dùng chất kích thích, mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức, điều khiển hành vi", "LTCD Art. 9.1", False),
    ("ltcd-9.2", "Có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân, vi phạm nội quy nơi tiếp công dân", "LTCD Art. 9.2", False),
    ("ltcd-9.3", "Vụ việc đã giải quyết đúng chính sách, pháp luật, được kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài", "LTCD Art. 9.3; NĐ 154/2026 Art. 4.3", True),
    ("nd154-4.1.a", "Mang vũ khí, vật liệu nổ, công cụ hỗ trợ mà không gửi theo quy định", "NĐ 154/2026 Art. 4.1.a", False),
    ("nd154-4.1.b", "Không chấp hành việc kiểm tra an ninh", "NĐ 154/2026 Art. 4.1.b", False),
    ("nd154-4.1.c", "Ghi âm, ghi hình, phát trực tiếp trái phép khi đã được yêu cầu không thực hiện, hoặc gây mất trật tự", "NĐ 154/2026 Art. 4.1.c", False),
    ("nd154-4.1.d", "Kích động, lôi kéo người khác gây mất trật tự", "NĐ 154/2026 Art. 4.1.d", False),
    ("nd154-4.1.dd", "Không có hoặc mất năng lực hành vi dân sự mà không có người đại diện theo pháp luật", "NĐ 154/2026 Art. 4.1.đ", False),
    ("nd154-4.1.e", "Người đại diện, người được ủy quyền không có giấy tờ chứng minh", "NĐ 154/2026 Art. 4.1.e", False),
    ("nd154-4.1.g", "Nội dung không phải là khiếu nại, tố cáo, kiến nghị, phản ánh", "NĐ 154/2026 Art. 4.1.g", False),
    ("nd154-4.1.h", "Kiến nghị, phản ánh đã được tiếp nhận, hướng dẫn hoặc trả lời bằng văn bản mà không có nội dung mới", "NĐ 154/2026 Art. 4.1.h, 4.3", True),
    ("nd154-4.1.i", "Vụ việc đã có bản án, quyết định của Tòa án có hiệu lực pháp luật và không thuộc trường hợp xem xét lại", "NĐ 154/2026 Art. 4.1.i", False),
    ("nd154-4.1.k", "Vụ việc đang được cơ quan có thẩm quyền khác xem xét, giải quyết", "NĐ 154/2026 Art. 4.1.k", False),
]
CUTOVER = dt.date(2026, 7, 1)
MINIMUMS = [
    # (head_kind, days, period, valid_from, valid_to, source, confirmed)
    ("ttcp_head", 1, "month", None, None, "LTCD Art. 11.5", True),
    ("province_chair", 1, "month", None, None, "LTCD Art. 12.5", True),
    ("district_chair", 2, "month", None, dt.date(2025, 6, 30), "LTCD Art. 13.5", True),
    ("commune_chair", 1, "week", None, dt.date(2026, 6, 30), "LTCD Art. 15.2.d", True),
    # Law 136/2025 may have changed it (the draft proposed 2 days a month): unconfirmed [U].
    ("commune_chair", 1, "week", CUTOVER, None, "LTCD Art. 15.2.d as amended by Law 136/2025 [U]", False),
    ("agency_head", 1, "month", None, None, "LTCD Art. 18.2", True),
    ("public_service_head", 1, "month", CUTOVER, None, "NĐ 154/2026 Art. 10.2", True),
]


def seed(apps, schema_editor):
    ground = apps.get_model("reception", "RefusalGround")
    minimum = apps.get_model("reception", "ReceptionMinimum")
    for code, text, source, needs_notice in GROUNDS:
        ground.objects.update_or_create(
            code=code, defaults={"text": text, "source": source, "needs_notice": needs_notice}
        )
    for head_kind, days, period, valid_from, valid_to, source, confirmed in MINIMUMS:
        minimum.objects.get_or_create(
            head_kind=head_kind,
            valid_from=valid_from,
            defaults={
                "days": days,
                "period": period,
                "valid_to": valid_to,
                "source": source,
                "confirmed": confirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reception", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
