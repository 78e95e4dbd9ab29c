import pytest

pytestmark = pytest.mark.django_db


def test_marketplace_root_field_is_served_beside_saleor_queries(graphql):
    # given
    query = """
      { marketplace { version features defaultCurrency languages }
        shop { defaultCountry { code } }
        products(first: 1) { totalCount } }
    """

    # when
    content = graphql(query)

    # then
    assert "errors" not in content
    data = content["data"]
    assert data["marketplace"]["version"]
    assert data["marketplace"]["defaultCurrency"] == "MAD"
    assert data["marketplace"]["languages"] == ["fr", "ar", "en"]
    assert data["shop"]["defaultCountry"]["code"] == "MA"
    assert data["products"]["totalCount"] == 0
