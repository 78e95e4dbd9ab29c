import graphene
import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.cooperatives.models import (
    CooperativeProduct,
    CooperativeStatus,
    Membership,
    MembershipRole,
)
from marketplace.cooperatives.selectors.public import cooperatives_for
from storefront.cooperatives import COOPERATIVES_PER_PAGE
from tests.fixtures.cooperatives import make_cooperative, make_user

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]

HIDDEN_STATUSES = [
    CooperativeStatus.DRAFT,
    CooperativeStatus.SUBMITTED,
    CooperativeStatus.CHANGES_REQUESTED,
    CooperativeStatus.REJECTED,
    CooperativeStatus.SUSPENDED,
]

COOPERATIVES = """
query Cooperatives($first: Int, $after: String, $filter: CooperativeFilterInput) {
  cooperatives(first: $first, after: $after, filter: $filter) {
    edges { node { slug name nameAr province status sectors logoUrl story } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

COOPERATIVE = """
query Cooperative($slug: String, $id: ID) {
  cooperative(slug: $slug, id: $id) { slug status }
}
"""

ME = """
{ me { email cooperatives { slug status } } }
"""


def slugs(body):
    return {edge["node"]["slug"] for edge in body["data"]["cooperatives"]["edges"]}


def node_id(cooperative):
    return graphene.Node.to_global_id("Cooperative", cooperative.pk)


@pytest.fixture
def one_of_each(owner):
    """The member's cooperative is suspended; others stand in every state."""
    cooperatives = {
        status: make_cooperative(status=status, province="taza")
        for status in HIDDEN_STATUSES
        if status != CooperativeStatus.SUSPENDED
    }
    cooperatives[CooperativeStatus.SUSPENDED] = make_cooperative(
        owner=owner, status=CooperativeStatus.SUSPENDED
    )
    cooperatives[CooperativeStatus.APPROVED] = make_cooperative(
        status=CooperativeStatus.APPROVED, province="ifrane"
    )
    return cooperatives


# --- selector ----------------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_only_council_reviewers_list_cooperatives_that_are_not_approved(
    actors, one_of_each, other_cooperative, actor
):
    # when
    listed = set(cooperatives_for(actors[actor]))

    # then
    everyone = set(one_of_each.values()) | {other_cooperative}
    if actor == "reviewer":
        assert listed == everyone
    else:
        assert listed == {one_of_each[CooperativeStatus.APPROVED], other_cooperative}


def test_reviewers_filter_by_status_and_province(reviewer, one_of_each):
    # when
    submitted = set(cooperatives_for(reviewer, status=CooperativeStatus.SUBMITTED))
    in_taza = set(cooperatives_for(reviewer, province="taza"))

    # then
    assert submitted == {one_of_each[CooperativeStatus.SUBMITTED]}
    assert in_taza == {
        one_of_each[status] for status in HIDDEN_STATUSES if status != CooperativeStatus.SUSPENDED
    }


def test_the_public_cannot_use_the_status_filter_to_see_hidden_cooperatives(customer, one_of_each):
    # when
    listed = set(cooperatives_for(customer, status=CooperativeStatus.SUBMITTED))

    # then
    assert listed == set()


# --- GraphQL: cooperatives -----------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_the_cooperatives_query_hides_unapproved_ones_except_from_reviewers(
    graphql, user_token, actors, one_of_each, other_cooperative, actor
):
    # when
    body = graphql(COOPERATIVES, {"first": 50}, token=user_token(actors[actor]))

    # then
    assert "errors" not in body
    visible = {one_of_each[CooperativeStatus.APPROVED].slug, other_cooperative.slug}
    if actor == "reviewer":
        visible |= {cooperative.slug for cooperative in one_of_each.values()}
    assert slugs(body) == visible


def test_reviewers_filter_the_cooperatives_query_by_status_and_province(
    graphql, user_token, reviewer, one_of_each
):
    # when
    by_status = graphql(
        COOPERATIVES,
        {"first": 50, "filter": {"status": "CHANGES_REQUESTED"}},
        token=user_token(reviewer),
    )
    by_province = graphql(
        COOPERATIVES,
        {"first": 50, "filter": {"province": "TAZA", "status": "DRAFT"}},
        token=user_token(reviewer),
    )

    # then
    assert slugs(by_status) == {one_of_each[CooperativeStatus.CHANGES_REQUESTED].slug}
    assert slugs(by_province) == {one_of_each[CooperativeStatus.DRAFT].slug}


def test_the_public_filters_approved_cooperatives_by_province_and_name(
    graphql, one_of_each, other_cooperative
):
    # given
    approved = one_of_each[CooperativeStatus.APPROVED]

    # when
    in_ifrane = graphql(COOPERATIVES, {"first": 50, "filter": {"province": "IFRANE"}})
    by_name = graphql(COOPERATIVES, {"first": 50, "filter": {"search": approved.name_ar}})
    asking_for_drafts = graphql(COOPERATIVES, {"first": 50, "filter": {"status": "DRAFT"}})

    # then
    assert slugs(in_ifrane) == {approved.slug}
    assert slugs(by_name) == {approved.slug}
    assert slugs(asking_for_drafts) == set()


def test_the_cooperatives_query_pages_with_cursors(graphql):
    # given
    for _ in range(5):
        make_cooperative(status=CooperativeStatus.APPROVED)

    # when
    first = graphql(COOPERATIVES, {"first": 3})
    cursor = first["data"]["cooperatives"]["pageInfo"]["endCursor"]
    second = graphql(COOPERATIVES, {"first": 3, "after": cursor})

    # then
    assert first["data"]["cooperatives"]["pageInfo"]["hasNextPage"] is True
    assert len(slugs(first)) == 3
    assert len(slugs(second)) == 2
    assert not slugs(first) & slugs(second)


def test_the_public_fields_of_a_cooperative_are_readable_by_anyone(graphql, approved_cooperative):
    # when
    body = graphql(COOPERATIVES, {"first": 5})

    # then
    node = body["data"]["cooperatives"]["edges"][0]["node"]
    assert node == {
        "slug": approved_cooperative.slug,
        "name": approved_cooperative.name_fr,
        "nameAr": approved_cooperative.name_ar,
        "province": "SEFROU",
        "status": "APPROVED",
        "sectors": ["olive-oil"],
        "logoUrl": None,
        "story": approved_cooperative.story_fr,
    }


@pytest.mark.parametrize("count", [3, 30])
def test_the_cooperatives_query_count_does_not_grow_with_cooperatives(
    graphql, django_assert_max_num_queries, count
):
    # given
    for _ in range(count):
        make_cooperative(status=CooperativeStatus.APPROVED)

    # when
    with django_assert_max_num_queries(4):
        body = graphql(COOPERATIVES, {"first": 50})

    # then
    assert len(slugs(body)) == count


REVIEWER_LIST = """
query Cooperatives($first: Int) {
  cooperatives(first: $first) {
    edges { node { slug rib members { email } transitions { toStatus } documents { kind } } }
  }
}
"""


@pytest.mark.parametrize("count", [3, 30])
def test_a_reviewer_reads_private_lists_at_a_constant_query_count(
    graphql, user_token, reviewer, django_assert_max_num_queries, count
):
    # given
    for _ in range(count):
        make_cooperative(owner=make_user(f"owner-{count}-{_}@example.com"))
    token = user_token(reviewer)

    # when
    with django_assert_max_num_queries(8):
        body = graphql(REVIEWER_LIST, {"first": 50}, token=token)

    # then
    nodes = [edge["node"] for edge in body["data"]["cooperatives"]["edges"]]
    assert len(nodes) == count
    assert all(len(node["members"]) == 1 and node["rib"] for node in nodes)


# --- GraphQL: cooperative ------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_a_suspended_cooperative_is_found_only_by_its_members_and_reviewers(
    graphql, user_token, actors, one_of_each, actor
):
    # given
    suspended = one_of_each[CooperativeStatus.SUSPENDED]

    # when
    by_slug = graphql(COOPERATIVE, {"slug": suspended.slug}, token=user_token(actors[actor]))
    by_id = graphql(COOPERATIVE, {"id": node_id(suspended)}, token=user_token(actors[actor]))

    # then
    expected = (
        {"slug": suspended.slug, "status": "SUSPENDED"}
        if actor in ("member", "reviewer")
        else None
    )
    assert by_slug["data"]["cooperative"] == expected
    assert by_id["data"]["cooperative"] == expected


@pytest.mark.parametrize("actor", ACTORS)
def test_an_approved_cooperative_is_found_by_anyone(
    graphql, user_token, actors, one_of_each, actor
):
    # given
    approved = one_of_each[CooperativeStatus.APPROVED]

    # when
    body = graphql(COOPERATIVE, {"slug": approved.slug}, token=user_token(actors[actor]))

    # then
    assert body["data"]["cooperative"] == {"slug": approved.slug, "status": "APPROVED"}


def test_an_id_of_another_type_finds_no_cooperative(graphql, approved_cooperative):
    # when
    body = graphql(
        COOPERATIVE, {"id": graphene.Node.to_global_id("Product", approved_cooperative.pk)}
    )

    # then
    assert body["data"]["cooperative"] is None


# --- GraphQL: me { cooperatives } ---------------------------------------------


def test_me_lists_only_the_cooperatives_the_user_acts_for(
    graphql, user_token, owner, one_of_each, other_cooperative
):
    # given
    managed = make_cooperative(status=CooperativeStatus.DRAFT)
    Membership.objects.create(cooperative=managed, user=owner, role=MembershipRole.MANAGER)

    # when
    body = graphql(ME, token=user_token(owner))

    # then
    assert body["data"]["me"]["email"] == owner.email
    assert {c["slug"] for c in body["data"]["me"]["cooperatives"]} == {
        one_of_each[CooperativeStatus.SUSPENDED].slug,
        managed.slug,
    }


def test_me_lists_no_cooperative_for_a_customer(graphql, user_token, customer, one_of_each):
    # when
    body = graphql(ME, token=user_token(customer))

    # then
    assert body["data"]["me"]["cooperatives"] == []


def test_me_is_empty_for_an_anonymous_visitor(graphql):
    # when
    body = graphql(ME)

    # then
    assert body["data"]["me"] is None


# --- storefront pages ----------------------------------------------------------


def test_the_cooperative_list_page_shows_approved_cooperatives_only(
    client, one_of_each, other_cooperative
):
    # when
    response = client.get(reverse("storefront:cooperative-list"))

    # then
    assert response.status_code == 200
    listed = {cooperative.slug for cooperative in response.context["page"].object_list}
    assert listed == {one_of_each[CooperativeStatus.APPROVED].slug, other_cooperative.slug}
    content = response.content.decode()
    for status in HIDDEN_STATUSES:
        assert one_of_each[status].get_absolute_url() not in content


def test_the_cooperative_list_page_filters_by_province(client, one_of_each, other_cooperative):
    # when
    response = client.get(reverse("storefront:cooperative-list"), {"province": "ifrane"})

    # then
    listed = [cooperative.slug for cooperative in response.context["page"].object_list]
    assert listed == [one_of_each[CooperativeStatus.APPROVED].slug]


def test_the_cooperative_list_page_counts_products_on_sale(
    client, approved_cooperative, product_factory
):
    # given
    on_sale = product_factory()
    unpublished = product_factory()
    unpublished.is_published = False
    unpublished.save(update_fields=["is_published"])
    for product in (on_sale, unpublished):
        CooperativeProduct.objects.create(product=product, cooperative=approved_cooperative)

    # when
    response = client.get(reverse("storefront:cooperative-list"))

    # then
    [cooperative] = response.context["page"].object_list
    assert cooperative.products_on_sale == 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_cooperative_list_page_query_count_does_not_grow(
    client, django_assert_max_num_queries, count
):
    # given
    for _ in range(count):
        make_cooperative(status=CooperativeStatus.APPROVED)

    # when
    # The count, the list, the province index, and Saleor's site and site settings (3).
    with django_assert_max_num_queries(6):
        response = client.get(reverse("storefront:cooperative-list"))

    # then
    cards = response.content.decode().count('class="cooperative-card"')
    assert cards == min(count, COOPERATIVES_PER_PAGE)


def test_the_profile_page_shows_the_cooperative_and_its_products_on_sale(
    client, approved_cooperative, other_cooperative, product_factory
):
    # given
    on_sale = product_factory(name="Huile Picholine")
    unpublished = product_factory(name="Huile cachée")
    unpublished.is_published = False
    unpublished.save(update_fields=["is_published"])
    someone_elses = product_factory(name="Miel d'ailleurs")
    CooperativeProduct.objects.create(product=on_sale, cooperative=approved_cooperative)
    CooperativeProduct.objects.create(product=unpublished, cooperative=approved_cooperative)
    CooperativeProduct.objects.create(product=someone_elses, cooperative=other_cooperative)

    # when
    response = client.get(approved_cooperative.get_absolute_url())

    # then
    assert response.status_code == 200
    content = response.content.decode()
    assert approved_cooperative.name_fr in content
    assert approved_cooperative.name_ar in content
    assert approved_cooperative.story_fr in content
    assert [product.pk for product in response.context["products"]] == [on_sale.pk]
    assert f'data-product="{on_sale.slug}"' in content
    assert f'data-product="{unpublished.slug}"' not in content
    assert f'data-product="{someone_elses.slug}"' not in content


def test_the_profile_page_tells_the_story_in_arabic_on_the_arabic_site(
    client, approved_cooperative
):
    # given
    with translation.override("ar"):
        url = approved_cooperative.get_absolute_url()

    # when
    response = client.get(url)

    # then
    assert url.startswith("/ar/")
    assert approved_cooperative.story_ar in response.content.decode()
    assert approved_cooperative.story_fr not in response.content.decode()


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_the_profile_page_of_an_unapproved_cooperative_is_not_found(client, owner, status):
    # given
    cooperative = make_cooperative(owner=owner, status=status)

    # when
    response = client.get(cooperative.get_absolute_url())

    # then
    assert response.status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_profile_page_query_count_does_not_grow_with_products(
    client, approved_cooperative, product_factory, django_assert_max_num_queries, count
):
    # given
    for _ in range(count):
        product = product_factory(with_image=True)
        CooperativeProduct.objects.create(product=product, cooperative=approved_cooperative)
    # Thumbnails exist already, as they do once the site has served them.
    client.get(approved_cooperative.get_absolute_url())

    # when
    with django_assert_max_num_queries(8):
        response = client.get(approved_cooperative.get_absolute_url())

    # then
    assert len(response.context["products"]) == count
