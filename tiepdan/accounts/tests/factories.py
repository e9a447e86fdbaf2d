"""Officials for tests, created with a role in a unit."""

from __future__ import annotations

import itertools

from tiepdan.accounts.models import Membership, User
from tiepdan.accounts.roles import Role
from tiepdan.organizations.models import OrgUnit

_numbers = itertools.count(1)
PASSWORD = "correct-horse-battery"


def make_official(
    unit: OrgUnit | None = None, role: Role | str | None = None, *, username: str | None = None
) -> User:
    username = username or f"official{next(_numbers)}"
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username)
    if unit is not None and role is not None:
        Membership.objects.create(user=user, org_unit=unit, role=Role(role))
    return user
