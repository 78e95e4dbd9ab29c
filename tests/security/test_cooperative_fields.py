"""Who reads which field of the GraphQL ``Cooperative``: every field, every actor.

Anonymous ``cooperative(slug)``/``cooperatives`` used to return the phone,
e-mail, ICE, register number, address and bank of every approved
cooperative. The public profile is now deliberate: what shoppers see, with
the contact the cooperative chose to publish; everything else only for its
members and council reviewers. A field added to the type fails here until it
is classified below.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeStatus,
    CooperativeTransition,
    Document,
)
from marketplace.schema import schema
from tests.fixtures.cooperatives import make_cooperative

pytestmark = pytest.mark.django_db

PUBLIC = {
    "id", "slug", "name", "nameFr", "nameAr", "story", "storyFr", "storyAr", "status",
    "legalForm", "sectors", "logoUrl", "province", "commune", "foundedOn", "membersCount",
    "womenMembers", "youngMembers", "createdAt", "approvedAt",
    "publicPhone", "publicEmail", "publicWhatsapp",
}
# Legal identity, the council's contacts, address, bank and payout, the file.
MEMBERS_AND_REVIEWERS = {
    "registerNumber", "ice", "address", "phone", "email", "bankName", "rib", "submittedAt",
    "documents", "transitions", "members",
}
INSIDERS = {"member", "reviewer"}
ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]
COOPERATIVE_FIELDS = sorted(schema.get_type("Cooperative").fields)


def selection(field):
    named_type = schema.get_type("Cooperative").fields[field].type
    while hasattr(named_type, "of_type"):
        named_type = named_type.of_type
    return f"{field} {{ __typename }}" if hasattr(named_type, "fields") else field


@pytest.fixture
def profile(owner):
    """An approved cooperative with every field filled in, documents and history included."""
    cooperative = make_cooperative(
        owner=owner,
        status=CooperativeStatus.APPROVED,
        slug="cooperative-ain-nokbi",
        phone="+212535000101",
        email="bureau@ain-nokbi.ma",
        address="Quartier Ain Nokbi, Fès",
        public_phone="+212661234501",
        public_email="boutique@ain-nokbi.ma",
        public_whatsapp="+212661234502",
        founded_on=datetime.date(2012, 1, 1),
        submitted_at=timezone.now(),
        approved_at=timezone.now(),
        bank_name="Crédit Agricole du Maroc",
    )
    Document.objects.create(
        cooperative=cooperative, kind="statutes", file="x/statutes.pdf",
        original_name="statutes.pdf", content_type="application/pdf", size=1, sha256="0" * 64,
    )
    CooperativeTransition.objects.create(
        cooperative=cooperative, from_status="submitted", to_status="approved"
    )
    return cooperative


def read_field(graphql, token, slug, field):
    """The field as ``cooperative(slug)`` and as the ``cooperatives`` list give it."""
    one = graphql(
        f"query($slug: String) {{ cooperative(slug: $slug) {{ slug {selection(field)} }} }}",
        {"slug": slug},
        token=token,
    )
    listed = graphql(
        f"{{ cooperatives(first: 50) {{ edges {{ node {{ slug {selection(field)} }} }} }} }}",
        token=token,
    )
    assert "errors" not in one and "errors" not in listed, (one, listed)
    edges = listed["data"]["cooperatives"]["edges"]
    [node] = [edge["node"] for edge in edges if edge["node"]["slug"] == slug]
    return one["data"]["cooperative"][field], node[field]


def test_every_field_of_the_cooperative_type_is_classified():
    # then
    unclassified = set(COOPERATIVE_FIELDS) - PUBLIC - MEMBERS_AND_REVIEWERS
    assert not unclassified, (
        f"Classify {sorted(unclassified)} in tests/security/test_cooperative_fields.py: "
        "public (anyone, on approved cooperatives) or members and council reviewers only; "
        "bank and legal details are never public."
    )
    assert not PUBLIC & MEMBERS_AND_REVIEWERS
    assert not (PUBLIC | MEMBERS_AND_REVIEWERS) - set(COOPERATIVE_FIELDS)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("field", COOPERATIVE_FIELDS)
def test_each_actor_reads_exactly_the_fields_meant_for_them(
    graphql, user_token, actors, profile, field, actor
):
    # given
    token = user_token(actors[actor])

    # when
    from_one, from_list = read_field(graphql, token, profile.slug, field)

    # then
    assert from_one == from_list
    if field in PUBLIC or actor in INSIDERS:
        assert from_one is not None or field == "logoUrl"
    else:
        assert from_one is None


def test_anonymous_profile_shows_the_public_contact_and_nothing_private(graphql, profile):
    # when
    content = graphql(
        """query($slug: String) { cooperative(slug: $slug) {
             publicPhone publicEmail publicWhatsapp phone email address ice registerNumber
             bankName rib } }""",
        {"slug": profile.slug},
    )

    # then
    assert content["data"]["cooperative"] == {
        "publicPhone": "+212661234501",
        "publicEmail": "boutique@ain-nokbi.ma",
        "publicWhatsapp": "+212661234502",
        "phone": None,
        "email": None,
        "address": None,
        "ice": None,
        "registerNumber": None,
        "bankName": None,
        "rib": None,
    }


def test_unpublished_contact_reads_as_null(graphql, owner):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.APPROVED)

    # when
    content = graphql(
        "query($slug: String) { cooperative(slug: $slug) "
        "{ publicPhone publicEmail publicWhatsapp } }",
        {"slug": cooperative.slug},
    )

    # then
    assert content["data"]["cooperative"] == {
        "publicPhone": None, "publicEmail": None, "publicWhatsapp": None,
    }


PRIVATE_LIST = """
  { cooperatives(first: 50) { edges { node {
      slug ice registerNumber address phone email bankName rib publicPhone
  } } } }
"""


@pytest.mark.parametrize("actor", ["anonymous", "member", "reviewer"])
def test_private_field_checks_cost_the_same_at_3_and_30_cooperatives(
    graphql, user_token, actors, owner, actor
):
    # given
    token = user_token(actors[actor])

    def queries_for(count):
        while Cooperative.objects.approved().count() < count:
            make_cooperative(owner=owner, status=CooperativeStatus.APPROVED)
        with CaptureQueriesContext(connection) as captured:
            content = graphql(PRIVATE_LIST, token=token)
        assert len(content["data"]["cooperatives"]["edges"]) == count
        return len(captured)

    # when
    at_3, at_30 = queries_for(3), queries_for(30)

    # then
    assert at_3 == at_30
