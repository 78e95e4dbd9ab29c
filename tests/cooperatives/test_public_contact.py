"""The public contact a cooperative publishes: GraphQL, back-office page, storefront page."""

import graphene
import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from marketplace.cooperatives import demo
from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import Cooperative, CooperativeStatus
from marketplace.core.demo import catalogue
from tests.fixtures.cooperatives import make_cooperative

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]
OUTSIDERS = [actor for actor in ACTORS if actor != "member"]

UPDATE = """
mutation($id: ID!, $input: CooperativePublicContactInput!) {
  cooperativePublicContactUpdate(id: $id, input: $input) {
    cooperative { publicPhone publicEmail publicWhatsapp phone email }
    cooperativeErrors { field code message }
  }
}
"""

CONTACT = {
    "publicPhone": "0661 23 45 01",
    "publicEmail": "boutique@ain-nokbi.ma",
    "publicWhatsapp": "+212 6 61 23 45 02",
}


def cooperative_id(cooperative):
    return graphene.Node.to_global_id("Cooperative", cooperative.pk)


def state(cooperative):
    cooperative.refresh_from_db()
    return model_to_dict(cooperative, exclude=["logo"])


def log_in(client, user):
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def contact_url(cooperative):
    return reverse("backoffice:cooperative-public-contact", kwargs={"slug": cooperative.slug})


@pytest.mark.parametrize("status", [CooperativeStatus.APPROVED, CooperativeStatus.DRAFT])
def test_member_publishes_a_contact_apart_from_the_council_contacts(
    graphql, user_token, owner, status
):
    # given
    cooperative = make_cooperative(owner=owner, status=status, phone="+212535000101")

    # when
    content = graphql(
        UPDATE, {"id": cooperative_id(cooperative), "input": CONTACT}, token=user_token(owner)
    )

    # then
    payload = content["data"]["cooperativePublicContactUpdate"]
    assert payload["cooperativeErrors"] == []
    assert payload["cooperative"] == {
        "publicPhone": "+212661234501",
        "publicEmail": "boutique@ain-nokbi.ma",
        "publicWhatsapp": "+212661234502",
        "phone": "+212535000101",
        "email": cooperative.email,
    }


def test_an_empty_value_unpublishes_only_that_contact(graphql, user_token, owner):
    # given
    cooperative = make_cooperative(
        owner=owner,
        status=CooperativeStatus.APPROVED,
        public_phone="+212661234501",
        public_email="boutique@ain-nokbi.ma",
    )

    # when
    content = graphql(
        UPDATE,
        {"id": cooperative_id(cooperative), "input": {"publicPhone": ""}},
        token=user_token(owner),
    )

    # then
    contact = content["data"]["cooperativePublicContactUpdate"]["cooperative"]
    assert contact["publicPhone"] is None
    assert contact["publicEmail"] == "boutique@ain-nokbi.ma"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("publicPhone", "12345", CooperativeErrorCode.INVALID_PHONE),
        ("publicWhatsapp", "+33 6 12 34 56 78", CooperativeErrorCode.INVALID_PHONE),
        ("publicEmail", "not an address", CooperativeErrorCode.INVALID),
    ],
)
def test_bad_contact_is_refused_with_its_code_and_nothing_changes(
    graphql, user_token, approved_cooperative, owner, field, value, code
):
    # given
    before = state(approved_cooperative)

    # when
    content = graphql(
        UPDATE,
        {"id": cooperative_id(approved_cooperative), "input": {**CONTACT, field: value}},
        token=user_token(owner),
    )

    # then
    errors = content["data"]["cooperativePublicContactUpdate"]["cooperativeErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [
        (field, code.name)
    ]
    assert errors[0]["message"]
    assert state(approved_cooperative) == before


@pytest.mark.parametrize("actor_name", OUTSIDERS)
def test_only_members_change_the_public_contact(
    graphql, user_token, actors, approved_cooperative, actor_name
):
    # given
    before = state(approved_cooperative)

    # when
    content = graphql(
        UPDATE,
        {"id": cooperative_id(approved_cooperative), "input": CONTACT},
        token=user_token(actors[actor_name]),
    )

    # then
    assert content["data"]["cooperativePublicContactUpdate"] is None
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert state(approved_cooperative) == before


def test_member_sets_the_public_contact_on_the_back_office_page(
    client, owner, approved_cooperative
):
    # given
    log_in(client, owner)

    # when
    page = client.get(contact_url(approved_cooperative))
    response = client.post(
        contact_url(approved_cooperative),
        {"public_phone": "0661234501", "public_email": "", "public_whatsapp": "0661234502"},
    )

    # then
    assert page.status_code == 200
    assert response.status_code == 302
    approved_cooperative.refresh_from_db()
    assert str(approved_cooperative.public_phone) == "+212661234501"
    assert str(approved_cooperative.public_whatsapp) == "+212661234502"
    assert approved_cooperative.public_email == ""
    shown = client.get(response.url)
    assert 'value="+212661234501"' in shown.content.decode()


def test_bad_number_on_the_page_shows_the_error_and_changes_nothing(
    client, owner, approved_cooperative
):
    # given
    log_in(client, owner)
    before = state(approved_cooperative)

    # when
    response = client.post(
        contact_url(approved_cooperative),
        {"public_phone": "12345", "public_email": "", "public_whatsapp": ""},
    )

    # then
    assert response.status_code == 400
    assert response.context["form"].errors["public_phone"]
    assert state(approved_cooperative) == before


@pytest.mark.parametrize("actor_name", OUTSIDERS)
def test_outsiders_cannot_open_or_post_the_public_contact_page(
    client, actors, approved_cooperative, actor_name
):
    # given
    log_in(client, actors[actor_name])
    before = state(approved_cooperative)

    # when
    page = client.get(contact_url(approved_cooperative))
    post = client.post(contact_url(approved_cooperative), {"public_phone": "0661234501"})

    # then
    for response in (page, post):
        if actor_name == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(reverse("storefront:login"))
        else:
            assert response.status_code == 403
    assert state(approved_cooperative) == before


def test_storefront_page_shows_the_public_contact_and_no_private_detail(client, owner):
    # given
    cooperative = make_cooperative(
        owner=owner,
        status=CooperativeStatus.APPROVED,
        phone="+212535000101",
        email="bureau@ain-nokbi.ma",
        address="Quartier Ain Nokbi, Fès",
        public_phone="+212661234501",
        public_email="boutique@ain-nokbi.ma",
        public_whatsapp="+212661234502",
    )

    # when
    page = client.get(cooperative.get_absolute_url()).content.decode()

    # then
    assert 'href="tel:+212661234501"' in page
    assert 'href="https://wa.me/212661234502"' in page
    assert 'href="mailto:boutique@ain-nokbi.ma"' in page
    for private in (
        "535000101", "535 000101", "bureau@ain-nokbi.ma", "Quartier Ain Nokbi",
        cooperative.ice, cooperative.register_number, cooperative.rib, cooperative.bank_name,
    ):
        assert private not in page


def test_storefront_page_without_public_contact_has_no_contact_section(client, owner):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.APPROVED)

    # when
    page = client.get(cooperative.get_absolute_url()).content.decode()

    # then
    assert "cooperative-contact" not in page
    assert cooperative.email not in page


def test_demo_cooperatives_publish_a_contact_apart_from_their_private_one(settings, monkeypatch):
    # given
    settings.DEBUG = True
    monkeypatch.delenv(demo.PASSWORD_VARIABLE, raising=False)

    # when
    demo.seed(catalogue.seed())

    # then
    approved = list(Cooperative.objects.approved())
    assert approved
    for cooperative in approved:
        assert cooperative.public_phone and cooperative.public_whatsapp
        assert cooperative.public_email
        assert cooperative.public_phone != cooperative.phone
        assert cooperative.public_email != cooperative.email
