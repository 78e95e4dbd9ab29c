import pytest
from django.core.management import CommandError
from saleor.account.models import User
from saleor.product.models import Product
from saleor.warehouse.models import Warehouse

from marketplace.cooperatives import demo
from marketplace.cooperatives.models import (
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeProduct,
    CooperativeStatus,
    CooperativeTransition,
    Document,
    Membership,
    MembershipRole,
)
from marketplace.cooperatives.services.documents import sniff_content_type
from marketplace.cooperatives.validators import validate_ice, validate_rib
from marketplace.core.demo import catalogue, data

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_mode(settings, monkeypatch):
    """Development as `make run` has it: DEBUG on, no demo password in the environment."""
    settings.DEBUG = True
    monkeypatch.delenv(demo.PASSWORD_VARIABLE, raising=False)


@pytest.fixture
def catalogue_result(db):
    return catalogue.seed()


def counts():
    models = [
        Cooperative,
        Membership,
        CooperativeTransition,
        CooperativeProduct,
        Document,
        User,
        Warehouse,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_seeding_twice_changes_no_counts(debug_mode, catalogue_result):
    # given
    demo.seed(catalogue_result)
    first = counts()

    # when
    demo.seed(catalogue.seed())

    # then
    assert counts() == first
    assert first["Cooperative"] == len(data.PRODUCERS) + len(demo.EXTRA_COOPERATIVES)
    assert first["Warehouse"] == len(data.PRODUCERS)


def test_every_state_has_a_demo_cooperative(debug_mode, catalogue_result):
    # when
    demo.seed(catalogue_result)

    # then
    statuses = set(Cooperative.objects.values_list("status", flat=True))
    assert statuses == set(CooperativeStatus.values)
    assert Cooperative.objects.filter(status=CooperativeStatus.APPROVED).count() == len(
        data.PRODUCERS
    )


def test_every_demo_product_is_owned_by_exactly_one_cooperative(debug_mode, catalogue_result):
    # when
    demo.seed(catalogue_result)

    # then
    assert CooperativeProduct.objects.count() == Product.objects.count()
    for producer in data.PRODUCERS:
        cooperative = Cooperative.objects.get(slug=producer["slug"])
        owned = set(cooperative.product_links.values_list("product__slug", flat=True))
        assert owned == {
            product.slug for product in catalogue_result[producer["slug"]]["products"]
        }
        assert cooperative.warehouse == catalogue_result[producer["slug"]]["warehouse"]


def test_producers_are_approved_through_a_recorded_review(debug_mode, catalogue_result):
    # given
    catalogue.users_seed(admin_password="admin", customer_password="client")
    admin = User.objects.get(email=data.ADMIN["email"])

    # when
    demo.seed(catalogue_result)

    # then
    for producer in data.PRODUCERS:
        cooperative = Cooperative.objects.get(slug=producer["slug"])
        steps = list(cooperative.transitions.values_list("from_status", "to_status", "actor"))
        owner = cooperative.memberships.get(role=MembershipRole.OWNER).user
        assert steps == [
            (CooperativeStatus.DRAFT, CooperativeStatus.SUBMITTED, owner.pk),
            (CooperativeStatus.SUBMITTED, CooperativeStatus.APPROVED, admin.pk),
        ]
        assert cooperative.approved_at is not None


def test_every_demo_cooperative_has_a_valid_ice_rib_and_register_number(
    debug_mode, catalogue_result
):
    # when
    demo.seed(catalogue_result)

    # then
    for cooperative in Cooperative.objects.all():
        validate_ice(cooperative.ice)
        validate_rib(cooperative.rib)
        assert cooperative.register_number
        cooperative.full_clean()


def test_the_submitted_application_has_its_four_papers_as_pdf(debug_mode, catalogue_result):
    # when
    demo.seed(catalogue_result)

    # then
    submitted = Cooperative.objects.get(status=CooperativeStatus.SUBMITTED)
    documents = list(submitted.documents.current())
    assert sorted(document.kind for document in documents) == sorted(REQUIRED_DOCUMENT_KINDS)
    for document in documents:
        with document.file.open("rb") as stored:
            assert sniff_content_type(stored.read()) == "application/pdf"


def test_the_change_request_carries_a_reason_and_field_comments(debug_mode, catalogue_result):
    # when
    demo.seed(catalogue_result)

    # then
    cooperative = Cooperative.objects.get(status=CooperativeStatus.CHANGES_REQUESTED)
    last = cooperative.transitions.last()
    assert last.to_status == CooperativeStatus.CHANGES_REQUESTED
    assert last.reason
    assert last.field_comments


def test_demo_owners_log_in_with_the_returned_password(debug_mode, catalogue_result):
    # when
    logins = demo.seed(catalogue_result)

    # then
    email, password = logins["cooperative owner"]
    owner = User.objects.get(email=email)
    assert password == demo.DEFAULT_PASSWORD
    assert owner.check_password(password)
    assert Membership.objects.get(user=owner).role == MembershipRole.OWNER


def test_the_owner_password_comes_from_the_environment(settings, monkeypatch, catalogue_result):
    # given
    settings.DEBUG = False
    monkeypatch.setenv(demo.PASSWORD_VARIABLE, "s3cret-from-env")

    # when
    logins = demo.seed(catalogue_result)

    # then
    email, password = logins["cooperative owner"]
    assert password == "s3cret-from-env"
    assert User.objects.get(email=email).check_password("s3cret-from-env")


def test_seeding_without_debug_and_without_a_password_is_refused(
    settings, monkeypatch, catalogue_result
):
    # given
    settings.DEBUG = False
    monkeypatch.delenv(demo.PASSWORD_VARIABLE, raising=False)

    # when
    with pytest.raises(CommandError):
        demo.seed(catalogue_result)

    # then
    assert Cooperative.objects.count() == 0
    assert not User.objects.filter(email__endswith=f"@{demo.OWNER_EMAIL_DOMAIN}").exists()
