# The common order scene (two cooperatives, a product each, one order holding
# both); a test module may define its own variant of any of these.
from .orders_helpers import honey, oil, olive, order, thyme_honey  # noqa: F401
