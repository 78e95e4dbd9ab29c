pytest_plugins = [
    "tests.fixtures.core",
    "tests.fixtures.cooperatives",
    "tests.fixtures.catalogue",
    "tests.fixtures.services",
    "tests.fixtures.stripe",
]
