# The common order scene of the cooperatives tests (two cooperatives, a
# product each), reused by the payments tests.
from tests.cooperatives.orders_helpers import (  # noqa: F401
    honey,
    oil,
    olive,
    thyme_honey,
    with_plugin,
)
