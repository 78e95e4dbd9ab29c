import pytest

pytest_plugins = [
    "tests.fixtures.core",
    "tests.fixtures.cooperatives",
    "tests.fixtures.catalogue",
    "tests.fixtures.services",
    "tests.fixtures.stripe",
    "tests.fixtures.seaweedfs",
]


@pytest.fixture
def search_backend():
    """Pages and journeys that borrow the search suite's catalogue run on the default
    backend; tests/search overrides this to run both."""
    return "postgresql"
