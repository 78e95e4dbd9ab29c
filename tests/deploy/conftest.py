# The cooperatives' common order scene, for the backup and load tests.
from tests.cooperatives.orders_helpers import (  # noqa: F401
    honey,
    oil,
    olive,
    thyme_honey,
    with_plugin,
)
