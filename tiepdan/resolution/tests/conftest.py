from tiepdan.petitions.tests.conftest import receive, world  # noqa: F401  (shared fixtures)
