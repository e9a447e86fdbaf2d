"""The reasons of XLD-01/XLD-02/XLD-03 (LEGAL.md §3.3) as editable data."""

from django.db import migrations

REASONS = [
    ("XLD02-FORM", "Đơn không đủ điều kiện về hình thức: không ghi ngày tháng, họ tên, địa chỉ, "
     "chữ ký hoặc điểm chỉ của người viết đơn", "TT 05/2021 Điều 6.2; XLD-01"),
    ("XLD02-LANG", "Đơn viết bằng tiếng nước ngoài không có bản dịch công chứng",
     "TT 05/2021 Điều 6.2.a"),
    ("XLD02-CONTENT", "Đơn không nêu rõ nội dung, đối tượng, lý do, yêu cầu",
     "LKN Điều 8.2; LTC Điều 23.1"),
    ("XLD02-MULTI", "Đơn gửi nhiều cơ quan, trong đó có cơ quan có thẩm quyền giải quyết",
     "TT 05/2021 Điều 6.2.b; LTC Điều 24.3"),
    ("XLD02-GUIDED", "Đơn có nội dung đã được hướng dẫn một lần", "TT 05/2021 Điều 8.1"),
    ("XLD02-ABUSE", "Đơn có nội dung chống phá chủ trương, chính sách; chia rẽ dân tộc, tôn "
     "giáo; lời lẽ xúc phạm, vu khống", "TT 05/2021 Điều 6.2.b"),
    ("XLD02-ILLEGIBLE", "Đơn bị rách, không đọc được nội dung", "TT 05/2021 Điều 6.2.b"),
    ("XLD02-RESOLVED", "Vụ việc đã được giải quyết đúng pháp luật, không có tình tiết mới",
     "TT 07/2014 Điều 28; XLD-04"),
    ("XLD03-ANON", "Tố cáo nặc danh (không rõ họ tên, địa chỉ hoặc mạo danh)",
     "LTC Điều 25.1; XLD-03"),
    ("KN20-EXPIRED", "Hết thời hiệu khiếu nại mà không có lý do chính đáng",
     "LKN Điều 9, 11.6; KN-01"),
]


def seed(apps, schema_editor):
    Reason = apps.get_model("petitions", "IneligibilityReason")
    for code, text, source in REASONS:
        Reason.objects.update_or_create(code=code, defaults={"text": text, "source": source})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_search_trigram_index")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
