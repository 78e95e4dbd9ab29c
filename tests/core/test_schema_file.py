from marketplace.core.management.commands.export_schema import SCHEMA_FILE, printed_schema


def test_committed_schema_file_matches_the_code():
    # The file makes API changes visible in review: regenerate with `make schema`.
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed_schema(), (
        "schema.graphql is out of date: run `make schema` and commit it."
    )


def test_schema_keeps_saleor_api_and_adds_ours():
    printed = printed_schema()
    for saleor_field in ("checkoutCreate(", "tokenCreate(", "products(", "orderByToken("):
        assert saleor_field in printed
    assert "marketplace: Marketplace!" in printed
