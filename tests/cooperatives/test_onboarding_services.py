import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.utils import timezone

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import (
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeStatus,
    CooperativeTransition,
    Document,
    Membership,
    MembershipRole,
)
from marketplace.cooperatives.services import onboarding
from marketplace.cooperatives.services.onboarding import (
    cooperative_apply,
    cooperative_submit,
    cooperative_update,
)
from tests.fixtures.cooperatives import (
    make_cooperative,
    make_user,
    png_bytes,
    valid_ice,
    valid_rib,
)

pytestmark = pytest.mark.django_db


def codes(error, field):
    return [e.code for e in error.error_dict[field]]


def state(cooperative):
    cooperative.refresh_from_db()
    return model_to_dict(cooperative, exclude=["logo"]) | {"logo": cooperative.logo.name}


def add_documents(cooperative, kinds=REQUIRED_DOCUMENT_KINDS):
    for kind in kinds:
        Document.objects.create(
            cooperative=cooperative,
            kind=kind,
            file=f"cooperatives/{cooperative.pk}/{kind}/x.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
        )


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def test_apply_creates_a_draft_owned_by_the_applicant(customer):
    # when
    cooperative = cooperative_apply(
        user=customer,
        data={"name_fr": "  Coopérative Tighza ", "name_ar": "تعاونية تيغزة", "legal_form": "gie"},
    )

    # then
    assert cooperative.status == CooperativeStatus.DRAFT
    assert cooperative.name_fr == "Coopérative Tighza"
    assert cooperative.legal_form == "gie"
    assert cooperative.slug == "cooperative-tighza"
    membership = Membership.objects.get(cooperative=cooperative)
    assert (membership.user, membership.role) == (customer, MembershipRole.OWNER)


def test_apply_gives_each_cooperative_a_unique_slug(customer, owner):
    # given
    first = cooperative_apply(user=customer, data={"name_fr": "Coopérative Azrou"})

    # when
    second = cooperative_apply(user=owner, data={"name_fr": "Cooperative AZROU"})

    # then
    assert first.slug == "cooperative-azrou"
    assert second.slug == "cooperative-azrou-2"


def test_apply_without_a_latin_name_still_gets_a_slug(customer):
    # when
    cooperative = cooperative_apply(user=customer, data={"name_fr": "تعاونية"})

    # then
    assert cooperative.slug == "cooperative"


def test_apply_defaults_to_the_cooperative_legal_form(customer):
    # when
    cooperative = cooperative_apply(user=customer, data={"name_fr": "Coop Sefrou"})

    # then
    assert cooperative.legal_form == "cooperative"


def test_apply_requires_a_french_name(customer):
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_apply(user=customer, data={"name_fr": "  ", "name_ar": "تعاونية"})

    # then
    assert codes(error.value, "name_fr") == [CooperativeErrorCode.REQUIRED.value]
    assert not Cooperative.objects.exists()


def test_apply_refuses_fields_beyond_the_first_step(customer):
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_apply(user=customer, data={"name_fr": "Coop", "status": "approved"})

    # then
    assert codes(error.value, "status") == [CooperativeErrorCode.INVALID.value]
    assert not Cooperative.objects.exists()


def test_anonymous_and_inactive_users_cannot_apply(customer):
    # given
    customer.is_active = False
    customer.save()

    # when / then
    for user in (None, AnonymousUser(), customer):
        with pytest.raises(PermissionDenied):
            cooperative_apply(user=user, data={"name_fr": "Coop"})
    assert not Cooperative.objects.exists()


def test_update_normalises_identifiers(owner):
    # given
    cooperative = make_cooperative(owner=owner, ice="", register_number="", rib="", phone="")
    ice, rib = valid_ice(9001), valid_rib(9001)

    # when
    cooperative = cooperative_update(
        cooperative=cooperative,
        user=owner,
        data={
            "ice": f" {ice[:5]} {ice[5:10]} {ice[10:]} ",
            "rib": f"{rib[:3]} {rib[3:6]} {rib[6:22]}-{rib[22:]}",
            "phone": "06 12 34 56 78",
            "register_number": "  rc   4521 fès ",
            "sectors": ["honey", "olive-oil", "honey"],
        },
    )

    # then
    assert cooperative.ice == ice
    assert cooperative.rib == rib
    assert str(cooperative.phone) == "+212612345678"
    assert cooperative.register_number == "RC 4521 FÈS"
    assert cooperative.sectors == ["honey", "olive-oil"]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("ice", "001525325000089", CooperativeErrorCode.INVALID_ICE),
        ("ice", "12345", CooperativeErrorCode.INVALID_ICE),
        ("rib", "011780000000000000000001", CooperativeErrorCode.INVALID_RIB),
        ("rib", "01178000000000000000000A", CooperativeErrorCode.INVALID_RIB),
        ("phone", "+33612345678", CooperativeErrorCode.INVALID_PHONE),
        ("phone", "12", CooperativeErrorCode.INVALID_PHONE),
        ("province", "casablanca", CooperativeErrorCode.INVALID),
        ("sectors", ["olive-oil", "cars"], CooperativeErrorCode.INVALID),
        ("legal_form", "company", CooperativeErrorCode.INVALID),
        ("email", "not-an-email", CooperativeErrorCode.INVALID),
        ("members_count", -1, CooperativeErrorCode.INVALID),
    ],
)
def test_update_with_an_invalid_value_saves_nothing(owner, cooperative, field, value, code):
    # given
    before = state(cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(
            cooperative=cooperative,
            user=owner,
            data={"commune": "Immouzer Kandar", field: value},
        )

    # then
    assert codes(error.value, field) == [code.value]
    assert state(cooperative) == before


def test_update_refuses_more_women_or_young_members_than_members(owner, cooperative):
    # given
    before = state(cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(
            cooperative=cooperative,
            user=owner,
            data={"members_count": 10, "women_members": 11, "young_members": 12},
        )

    # then
    assert codes(error.value, "women_members") == [CooperativeErrorCode.INVALID.value]
    assert codes(error.value, "young_members") == [CooperativeErrorCode.INVALID.value]
    assert state(cooperative) == before


def test_update_checks_women_members_against_the_stored_member_count(owner, cooperative):
    # given: the fixture has 20 members
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(cooperative=cooperative, user=owner, data={"women_members": 21})

    # then
    assert codes(error.value, "women_members") == [CooperativeErrorCode.INVALID.value]


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("ice", CooperativeErrorCode.DUPLICATE_ICE),
        ("register_number", CooperativeErrorCode.DUPLICATE_REGISTER_NUMBER),
    ],
)
def test_update_refuses_an_identifier_of_another_cooperative(
    owner, cooperative, other_cooperative, field, code
):
    # given
    before = state(cooperative)
    value = getattr(other_cooperative, field)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(
            cooperative=cooperative, user=owner, data={field: value.lower(), "commune": "Ifrane"}
        )

    # then
    assert codes(error.value, field) == [code.value]
    assert state(cooperative) == before


def test_update_keeps_the_cooperative_own_identifiers(owner, cooperative):
    # when
    updated = cooperative_update(
        cooperative=cooperative,
        user=owner,
        data={"ice": cooperative.ice, "register_number": cooperative.register_number},
    )

    # then
    assert updated.ice == cooperative.ice


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("ice", CooperativeErrorCode.DUPLICATE_ICE),
        ("register_number", CooperativeErrorCode.DUPLICATE_REGISTER_NUMBER),
    ],
)
def test_a_duplicate_caught_by_the_database_gets_the_same_code(
    monkeypatch, owner, cooperative, other_cooperative, field, code
):
    # given: another request saved the same identifier after our check ran
    monkeypatch.setattr(onboarding, "_clean", lambda cooperative, data: dict(data))
    before = state(cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(
            cooperative=cooperative,
            user=owner,
            data={field: getattr(other_cooperative, field), "commune": "Taza"},
        )

    # then
    assert codes(error.value, field) == [code.value]
    assert state(cooperative) == before


@pytest.mark.parametrize(
    "actor_name",
    ["customer", "other_cooperative_member", "staff_without_permission", "reviewer"],
)
def test_only_members_update_an_application(actors, cooperative, actor_name):
    # given
    before = state(cooperative)

    # when
    with pytest.raises(PermissionDenied):
        cooperative_update(cooperative=cooperative, user=actors[actor_name], data={"commune": "X"})

    # then
    assert state(cooperative) == before


@pytest.mark.parametrize(
    "status",
    [
        CooperativeStatus.SUBMITTED,
        CooperativeStatus.APPROVED,
        CooperativeStatus.REJECTED,
        CooperativeStatus.SUSPENDED,
    ],
)
def test_an_application_under_review_or_decided_cannot_be_edited(owner, status):
    # given
    cooperative = make_cooperative(owner=owner, status=status)
    before = state(cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(cooperative=cooperative, user=owner, data={"commune": "Fès"})

    # then
    assert codes(error.value, "status") == [CooperativeErrorCode.INVALID_TRANSITION.value]
    assert state(cooperative) == before


def test_an_application_sent_back_for_changes_can_be_edited(owner):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.CHANGES_REQUESTED)

    # when
    updated = cooperative_update(cooperative=cooperative, user=owner, data={"commune": "Fès"})

    # then
    assert updated.commune == "Fès"


def test_update_stores_a_logo_under_a_new_name(media_root, owner, cooperative):
    # given
    logo = SimpleUploadedFile("../../etc/my logo.png", png_bytes(), content_type="image/png")

    # when
    updated = cooperative_update(cooperative=cooperative, user=owner, data={"logo": logo})

    # then
    assert updated.logo.name.startswith("cooperative-logos/")
    assert "my logo" not in updated.logo.name
    assert updated.logo.read() == png_bytes()


@pytest.mark.parametrize(
    "content", [b"<html><script>alert(1)</script></html>", b"\x89PNG\r\n\x1a\ntruncated"]
)
def test_update_refuses_a_logo_that_is_not_an_image(media_root, owner, cooperative, content):
    # given
    before = state(cooperative)
    logo = SimpleUploadedFile("logo.png", content, content_type="image/png")

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(cooperative=cooperative, user=owner, data={"logo": logo})

    # then
    assert codes(error.value, "logo") == [CooperativeErrorCode.INVALID_FILE_TYPE.value]
    assert state(cooperative) == before
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_a_logo_stored_for_a_row_that_cannot_be_saved_is_removed(
    monkeypatch, media_root, owner, cooperative, other_cooperative
):
    # given: the ICE check is bypassed so that the database refuses the row
    clean_logo = onboarding._clean_logo
    monkeypatch.setattr(
        onboarding, "_clean", lambda coop, data: {**data, "logo": clean_logo(data["logo"])}
    )
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")

    # when
    with pytest.raises(ValidationError):
        cooperative_update(
            cooperative=cooperative, user=owner, data={"logo": logo, "ice": other_cooperative.ice}
        )

    # then
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_submit_sends_a_complete_application_and_a_receipt(
    django_capture_on_commit_callbacks, owner, cooperative
):
    # given
    add_documents(cooperative)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        submitted = cooperative_submit(cooperative=cooperative, user=owner)

    # then
    assert submitted.status == CooperativeStatus.SUBMITTED
    assert submitted.submitted_at is not None
    transition = CooperativeTransition.objects.get(cooperative=cooperative)
    assert (transition.from_status, transition.to_status, transition.actor) == (
        CooperativeStatus.DRAFT,
        CooperativeStatus.SUBMITTED,
        owner,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert cooperative.name_fr in mail.outbox[0].subject
    assert f"/backoffice/cooperatives/{cooperative.slug}/" in mail.outbox[0].body


def test_the_receipt_goes_to_owners_only(django_capture_on_commit_callbacks, owner, cooperative):
    # given
    manager = make_user("manager@example.com")
    Membership.objects.create(cooperative=cooperative, user=manager, role=MembershipRole.MANAGER)
    add_documents(cooperative)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        cooperative_submit(cooperative=cooperative, user=manager)

    # then
    assert [message.to for message in mail.outbox] == [[owner.email]]


def test_submit_without_the_required_documents_is_refused(
    django_capture_on_commit_callbacks, owner, cooperative
):
    # given
    add_documents(cooperative, kinds=REQUIRED_DOCUMENT_KINDS[:2])

    # when
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError) as error:
            cooperative_submit(cooperative=cooperative, user=owner)

    # then
    assert (
        codes(error.value, "documents") == [CooperativeErrorCode.INCOMPLETE_APPLICATION.value] * 2
    )
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.DRAFT
    assert not CooperativeTransition.objects.exists()
    assert mail.outbox == []


def test_superseded_documents_do_not_count_for_submission(owner, cooperative):
    # given
    add_documents(cooperative)
    Document.objects.filter(kind="statutes").update(superseded_at="2026-01-01T00:00:00Z")

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_submit(cooperative=cooperative, user=owner)

    # then
    assert len(error.value.error_dict["documents"]) == 1


def test_submit_lists_every_missing_field(owner):
    # given
    cooperative = make_cooperative(
        owner=owner,
        ice="",
        rib="",
        phone="",
        sectors=[],
        story_fr="",
        story_ar="",
        members_count=None,
    )
    add_documents(cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_submit(cooperative=cooperative, user=owner)

    # then
    assert set(error.value.error_dict) == {
        "ice",
        "rib",
        "phone",
        "sectors",
        "story_fr",
        "members_count",
    }
    assert {e.code for errors in error.value.error_dict.values() for e in errors} == {
        CooperativeErrorCode.INCOMPLETE_APPLICATION.value
    }
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.DRAFT


def test_a_story_in_arabic_only_is_enough(owner):
    # given
    cooperative = make_cooperative(owner=owner, story_fr="")
    add_documents(cooperative)

    # when
    submitted = cooperative_submit(cooperative=cooperative, user=owner)

    # then
    assert submitted.status == CooperativeStatus.SUBMITTED


def test_an_application_sent_back_can_be_resubmitted(owner):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.CHANGES_REQUESTED)
    add_documents(cooperative)

    # when
    submitted = cooperative_submit(cooperative=cooperative, user=owner)

    # then
    assert submitted.status == CooperativeStatus.SUBMITTED


@pytest.mark.parametrize(
    "status", [CooperativeStatus.SUBMITTED, CooperativeStatus.APPROVED, CooperativeStatus.REJECTED]
)
def test_submit_twice_or_after_a_decision_is_an_invalid_transition(owner, status):
    # given
    cooperative = make_cooperative(owner=owner, status=status)
    add_documents(cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_submit(cooperative=cooperative, user=owner)

    # then
    assert codes(error.value, "status") == [CooperativeErrorCode.INVALID_TRANSITION.value]
    cooperative.refresh_from_db()
    assert cooperative.status == status
    assert not CooperativeTransition.objects.exists()


@pytest.mark.parametrize(
    "actor_name",
    ["customer", "other_cooperative_member", "staff_without_permission", "reviewer"],
)
def test_only_members_submit(actors, cooperative, actor_name):
    # given
    add_documents(cooperative)

    # when
    with pytest.raises(PermissionDenied):
        cooperative_submit(cooperative=cooperative, user=actors[actor_name])

    # then
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.DRAFT
    assert not CooperativeTransition.objects.exists()


def test_a_foundation_date_in_the_future_is_refused(owner, cooperative):
    # given
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_update(cooperative=cooperative, user=owner, data={"founded_on": tomorrow})

    # then
    assert codes(error.value, "founded_on") == [CooperativeErrorCode.INVALID.value]
