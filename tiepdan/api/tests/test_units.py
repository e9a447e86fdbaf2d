"""Finding unit codes by name."""

from __future__ import annotations


def test_units_are_found_by_part_of_their_name_or_by_code(caller, world):
    api = caller(world.triage)

    by_name = api.get("/units", {"q": "xã Đại Từ"}).json()
    by_code = api.get("/units", {"q": "ubnd-x05851"}).json()

    assert [u["code"] for u in by_name] == ["UBND-X05830"]
    assert by_name[0]["name"] == "Ủy ban nhân dân xã Đại Từ"
    assert by_name[0]["level"] == "commune"
    assert [u["code"] for u in by_code] == ["UBND-X05851"]
    assert len(api.get("/units", {"limit": 2}).json()) == 2
