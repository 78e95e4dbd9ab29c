"""Refuse, in PostgreSQL, any allocation that would promise more than a stock row holds.

A backstop behind the locking ``checkoutComplete``: whatever code path
allocates (Saleor's draft orders and restocking, a future plugin, a shell),
an allocation that grows beyond ``warehouse_stock.quantity`` fails with a
check violation instead of overselling. The trigger locks the stock row and
sums with a fresh snapshot (READ COMMITTED), so two transactions cannot both
pass on the same free units. Decreases are never refused, and lowering a
stock's quantity is left to the services (ours refuse going below what is
allocated; Saleor's dashboard may, and then only new allocations are refused).
It adds no column to Saleor's table.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION marketplace_allocation_within_stock() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    in_stock integer;
    allocated integer;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.stock_id = OLD.stock_id
            AND NEW.quantity_allocated <= OLD.quantity_allocated THEN
        RETURN NULL;
    END IF;
    SELECT quantity INTO in_stock FROM warehouse_stock WHERE id = NEW.stock_id FOR UPDATE;
    SELECT COALESCE(SUM(quantity_allocated), 0) INTO allocated
        FROM warehouse_allocation WHERE stock_id = NEW.stock_id;
    IF allocated > in_stock THEN
        RAISE EXCEPTION 'stock % over-allocated: % allocated, % in stock',
                NEW.stock_id, allocated, in_stock
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'warehouse_allocation_within_stock';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER warehouse_allocation_within_stock
    AFTER INSERT OR UPDATE OF quantity_allocated, stock_id ON warehouse_allocation
    FOR EACH ROW WHEN (NEW.quantity_allocated > 0)
    EXECUTE FUNCTION marketplace_allocation_within_stock();
"""

DROP = """
DROP TRIGGER IF EXISTS warehouse_allocation_within_stock ON warehouse_allocation;
DROP FUNCTION IF EXISTS marketplace_allocation_within_stock();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("warehouse", "0009_remove_invalid_allocation"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
