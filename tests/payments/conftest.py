from tests.cooperatives.orders_helpers import (  # noqa: F401
    honey,
    oil,
    olive,
    thyme_honey,
    with_plugin,
)
