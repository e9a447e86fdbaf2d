"""The grounds for not accepting a complaint (LKN Art. 11; LEGAL.md KN-20) as editable data."""

from django.db import migrations

GROUNDS = [
    ("KN20-INTERNAL", "Khiếu nại quyết định hành chính, hành vi hành chính nội bộ, chỉ đạo điều hành, "
     "văn bản quy phạm pháp luật, hoặc thuộc bí mật quốc phòng, an ninh", "LKN Điều 11.1"),
    ("KN20-INTEREST", "Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích "
     "hợp pháp của người khiếu nại", "LKN Điều 11.2"),
    ("KN20-CAPACITY", "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại "
     "diện hợp pháp", "LKN Điều 11.3"),
    ("KN20-REPRESENT", "Người đại diện không hợp pháp", "LKN Điều 11.4"),
    ("KN20-NOSIGN", "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại", "LKN Điều 11.5"),
    ("KN20-SECOND", "Việc khiếu nại đã có quyết định giải quyết khiếu nại lần hai", "LKN Điều 11.7"),
    ("KN20-NOCONT", "Quá 30 ngày kể từ khi nhận thông báo đình chỉ mà người khiếu nại không tiếp tục "
     "khiếu nại", "LKN Điều 11.8"),
    ("KN20-COURT", "Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết "
     "định của Tòa án", "LKN Điều 11.9"),
]


def seed(apps, schema_editor):
    Reason = apps.get_model("petitions", "IneligibilityReason")
    for code, text, source in GROUNDS:
        Reason.objects.update_or_create(code=code, defaults={"text": text, "source": source})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_resolution_document_kinds")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
