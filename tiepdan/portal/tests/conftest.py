from tiepdan.petitions.tests.conftest import world  # noqa: F401  (shared fixture)
