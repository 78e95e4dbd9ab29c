"""The boundary with the engine: Saleor internals are reached only through named bridges.

The rule, read from the imports of every module we own (migrations aside):

- A bridge module may import anything of ``saleor``; BRIDGES names them all.
- Any module may import the base classes we extend (ALLOWED_EVERYWHERE).
- A module of a ``graphql/`` package may also import the GraphQL foundations
  we build on: ``saleor.graphql.core.*`` (mutations, connections, fields,
  scalars, types, utils) and ``saleor.graphql.decorators``. Saleor's other
  GraphQL types come through ``graphql/saleor_types.py``.
- Every other module (services, selectors, views, forms, models, access,
  plugins, tasks…) imports bridges, never ``saleor.*``; models point at
  Saleor's tables with string references ("product.Product").
- Domains never import the storefront: ``marketplace.*`` stays usable without
  the consumer site, and the storefront depends on it, not the reverse.

A new reach-in fails here: move it behind a bridge, or add the module to
BRIDGES (and to the README's list) deliberately.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OWN_PACKAGES = ("marketplace", "storefront", "catalog_extensions")

BRIDGES = {
    # Project wiring: settings, schema, URLs, the Celery app, app start-up.
    "marketplace/settings.py",
    "marketplace/schema.py",
    "marketplace/urls.py",
    "marketplace/celery.py",
    "marketplace/core/apps.py",
    "marketplace/cooperatives/apps.py",
    "catalog_extensions/labels/apps.py",
    # One bridge per Saleor area a domain needs.
    "marketplace/cooperatives/saleor_catalogue.py",
    "marketplace/cooperatives/saleor_orders.py",
    "marketplace/cooperatives/saleor_warehouses.py",
    "marketplace/cooperatives/graphql/saleor_types.py",
    "marketplace/cooperatives/graphql/saleor_user.py",
    "marketplace/orders/saleor_checkout.py",
    "marketplace/payments/stripe/saleor_payments.py",
    "marketplace/core/graphql/saleor_guards.py",
    "catalog_extensions/labels/saleor_catalogue.py",
    "catalog_extensions/labels/graphql/saleor_product.py",
    "marketplace/core/graphql/view.py",
    "marketplace/cooperatives/graphql/saleor_fulfilment.py",
    "marketplace/payments/cash/saleor_payments.py",
    "storefront/saleor_pages.py",
    "marketplace/fairs/apps.py",
    "marketplace/fairs/saleor_collections.py",
    "marketplace/fairs/graphql/saleor_types.py",
    "marketplace/fairs/pickup/saleor_checkout.py",
    # The storefront's basket, checkout, orders and account links.
    "storefront/checkout_saleor.py",
    # The demo catalogue writes Saleor's rows the way its populatedb does.
    "marketplace/core/demo/catalogue.py",
    # What the shop's pages read of Saleor's catalogue (products, variants, stock, sales).
    "storefront/saleor_shop.py",
    # Search reads the catalogue it indexes and routes Saleor's products search.
    "catalog_extensions/search/saleor_search.py",
    "catalog_extensions/search/saleor_api.py",
    "catalog_extensions/search/saleor_mutations.py",
    # Benchmark data, bulk-inserted the way the demo catalogue writes it.
    "marketplace/core/management/commands/seed_bench.py",
}

ALLOWED_EVERYWHERE = {
    ("saleor.graphql.core.mutations", "BaseMutation"),
    ("saleor.plugins.base_plugin", "BasePlugin"),
    ("saleor.core.permissions", "BasePermissionEnum"),
    ("saleor.graphql.core.types.common", "Error"),
}

GRAPHQL_FOUNDATIONS = ("saleor.graphql.core", "saleor.graphql.decorators")


def _is_under(module, prefix):
    return module == prefix or module.startswith(prefix + ".")


def imported_names(source):
    """``[(module, name or None, line)]`` for every absolute import in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.module, alias.name, node.lineno) for alias in node.names]
    return found


def boundary_violations(relative_path, source):
    """What ``relative_path`` imports across the boundary, as readable lines."""
    is_bridge = relative_path in BRIDGES
    is_graphql = "/graphql/" in relative_path
    is_domain = relative_path.startswith(("marketplace/", "catalog_extensions/"))
    violations = []
    for module, name, line in imported_names(source):
        where = f"{relative_path}:{line}: {module}" + (f".{name}" if name else "")
        if is_domain and _is_under(module, "storefront"):
            violations.append(f"{where} (a domain imports the storefront)")
        if not _is_under(module, "saleor") or is_bridge:
            continue
        if (module, name) in ALLOWED_EVERYWHERE:
            continue
        if is_graphql and any(_is_under(module, prefix) for prefix in GRAPHQL_FOUNDATIONS):
            continue
        violations.append(f"{where} (Saleor internals outside a bridge)")
    return violations


def own_modules():
    for package in OWN_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path


def test_only_bridges_import_saleor_internals_and_domains_never_import_the_storefront():
    # given
    modules = list(own_modules())

    # when
    violations = [
        violation
        for relative_path, path in modules
        for violation in boundary_violations(relative_path, path.read_text(encoding="utf-8"))
    ]

    # then
    assert len(modules) > 50
    assert violations == []


def test_every_named_bridge_exists():
    missing = [bridge for bridge in sorted(BRIDGES) if not (ROOT / bridge).is_file()]

    assert missing == []


@pytest.mark.parametrize(
    "relative_path, source",
    [
        ("marketplace/cooperatives/services/x.py", "from saleor.order.models import Order\n"),
        ("marketplace/cooperatives/selectors/x.py", "import saleor.product.models\n"),
        ("marketplace/cooperatives/models.py", "def f():\n    from saleor.warehouse import x\n"),
        ("marketplace/cooperatives/graphql/x.py", "from saleor.graphql.order.types import A\n"),
        ("marketplace/cooperatives/views/x.py", "from saleor.graphql.core.fields import F\n"),
        ("marketplace/cooperatives/selectors/x.py", "from storefront.selectors import f\n"),
        ("marketplace/core/x.py", "import storefront.views\n"),
    ],
)
def test_the_check_refuses_a_reach_in(relative_path, source):
    assert len(boundary_violations(relative_path, source)) == 1


@pytest.mark.parametrize(
    "relative_path, source",
    [
        ("marketplace/cooperatives/saleor_orders.py", "from saleor.order.models import Order\n"),
        ("marketplace/plugin.py", "from saleor.plugins.base_plugin import BasePlugin"),
        ("marketplace/cooperatives/graphql/x.py", "from saleor.graphql.core.fields import F\n"),
        ("marketplace/cooperatives/graphql/x.py", "from saleor.graphql.decorators import p\n"),
        ("marketplace/cooperatives/services/x.py", "from .. import saleor_catalogue\n"),
        ("storefront/views.py", "from marketplace.cooperatives import saleor_catalogue\n"),
    ],
)
def test_the_check_lets_bridges_and_base_classes_through(relative_path, source):
    assert boundary_violations(relative_path, source) == []
