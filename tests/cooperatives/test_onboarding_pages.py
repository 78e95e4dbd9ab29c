import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation

from marketplace.cooperatives.models import (
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeStatus,
    CooperativeTransition,
    Document,
    Membership,
)
from marketplace.cooperatives.services.onboarding import cooperative_apply
from marketplace.cooperatives.services.transitions import cooperative_transition
from tests.fixtures.cooperatives import (
    PDF_BYTES,
    make_cooperative,
    make_user,
    valid_ice,
    valid_rib,
)

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]
FORM_STEPS = ["identity", "registration", "location", "contacts", "figures", "story", "payout"]
ALL_STEPS = [*FORM_STEPS, "documents", "review"]


@pytest.fixture
def private_root(settings, tmp_path):
    settings.AWS_PRIVATE_BUCKET_NAME = ""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "private"


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def log_in(client, user):
    # The first configured backend is Saleor's JWT one, which cannot restore a session.
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def step_url(cooperative, step):
    return reverse(
        "backoffice:cooperative-application-step",
        kwargs={"slug": cooperative.slug, "step": step},
    )


def status_url(cooperative):
    return reverse("backoffice:cooperative-status", kwargs={"slug": cooperative.slug})


def state(cooperative):
    cooperative.refresh_from_db()
    return model_to_dict(cooperative, exclude=["logo"])


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


def assert_refused(response, actor_name):
    if actor_name == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("storefront:login"))
        assert "next=" in response.url
    else:
        assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_before_applying(client):
    # when
    response = client.get(reverse("backoffice:cooperative-apply"))

    # then
    assert response.status_code == 302
    assert response.url == (
        f"{reverse('storefront:login')}?next={reverse('backoffice:cooperative-apply')}"
    )


@pytest.mark.parametrize("actor_name", ACTORS)
def test_any_logged_in_user_may_start_an_application(client, actors, actor_name):
    # given
    user = actors[actor_name]
    count = Cooperative.objects.count()

    # when
    response = log_in(client, user).post(
        reverse("backoffice:cooperative-apply"),
        {"name_fr": "Coopérative Bab Boujloud", "name_ar": "تعاونية", "legal_form": "association"},
    )

    # then
    if user is None:
        assert_refused(response, actor_name)
        assert Cooperative.objects.count() == count
        return
    cooperative = Cooperative.objects.get(memberships__user=user, name_fr__contains="Boujloud")
    assert cooperative.legal_form == "association"
    assert response.status_code == 302
    assert response.url == step_url(cooperative, "registration")


def test_the_apply_page_shows_its_form(client, customer):
    # when
    response = log_in(client, customer).get(reverse("backoffice:cooperative-apply"))

    # then
    assert response.status_code == 200
    assert b'name="name_fr"' in response.content
    assert b'name="legal_form"' in response.content


def test_the_apply_page_offers_to_continue_an_open_application(client, owner, cooperative):
    # given
    make_cooperative(owner=owner, status=CooperativeStatus.APPROVED, name_fr="Coop approuvée")

    # when
    response = log_in(client, owner).get(reverse("backoffice:cooperative-apply"))

    # then
    assert list(response.context["open_applications"]) == [cooperative]
    assert status_url(cooperative).encode() in response.content


def test_the_apply_page_works_in_arabic(client, customer):
    # when
    with translation.override("ar"):
        url = reverse("backoffice:cooperative-apply")
    response = log_in(client, customer).get(url)

    # then
    assert url.startswith("/ar/")
    assert response.status_code == 200
    assert b'dir="rtl"' in response.content


def test_apply_without_a_name_shows_the_error_and_creates_nothing(client, customer):
    # when
    response = log_in(client, customer).post(
        reverse("backoffice:cooperative-apply"), {"name_fr": "", "legal_form": "cooperative"}
    )

    # then
    assert response.status_code == 200
    assert response.context["form"].errors["name_fr"]
    assert not Cooperative.objects.exists()


@pytest.mark.parametrize("step", ALL_STEPS)
@pytest.mark.parametrize("actor_name", ACTORS)
def test_only_members_see_the_application_steps(
    client, private_root, actors, cooperative, actor_name, step
):
    # when
    response = log_in(client, actors[actor_name]).get(step_url(cooperative, step))

    # then
    if actor_name == "member":
        assert response.status_code == 200
        assert b'aria-current="step"' in response.content
    else:
        assert_refused(response, actor_name)


@pytest.mark.parametrize("actor_name", ACTORS)
def test_only_members_save_a_step(client, actors, cooperative, actor_name):
    # given
    before = state(cooperative)

    # when
    response = log_in(client, actors[actor_name]).post(
        step_url(cooperative, "location"),
        {"province": "taza", "commune": "Tahla", "address": "Route de Fès"},
    )

    # then
    if actor_name == "member":
        assert response.status_code == 302
        assert response.url == step_url(cooperative, "contacts")
        cooperative.refresh_from_db()
        assert (cooperative.province, cooperative.commune) == ("taza", "Tahla")
    else:
        assert_refused(response, actor_name)
        assert state(cooperative) == before


def test_an_unknown_step_is_not_found(client, owner, cooperative):
    # when
    response = log_in(client, owner).get(step_url(cooperative, "payment"))

    # then
    assert response.status_code == 404


def test_each_step_saves_and_leads_to_the_next(client, private_root, owner):
    # given
    cooperative = make_cooperative(
        owner=owner, register_number="", ice="", rib="", phone="", sectors=[]
    )
    ice, rib = valid_ice(777001), valid_rib(777001)
    steps = [
        ("identity", {"name_fr": "Coop Moulay Yacoub", "name_ar": "تعاونية", "legal_form": "gie"}),
        ("registration", {"register_number": "rc 991", "ice": ice}),
        (
            "location",
            {"province": "moulay-yacoub", "commune": "Sebt Loudaya", "address": "Centre"},
        ),
        ("contacts", {"phone": "+212 6 61 23 45 67", "email": "coop@example.ma"}),
        ("figures", {"members_count": "12", "women_members": "7", "young_members": "3"}),
        ("story", {"sectors": ["cereals", "dairy"], "story_fr": "Du couscous.", "story_ar": ""}),
        ("payout", {"bank_name": "CIH", "rib": rib}),
    ]
    client = log_in(client, owner)

    # when
    redirects = [client.post(step_url(cooperative, step), data).url for step, data in steps]

    # then
    assert redirects == [step_url(cooperative, step) for step in ALL_STEPS[1:8]]
    cooperative.refresh_from_db()
    assert cooperative.legal_form == "gie"
    assert cooperative.register_number == "RC 991"
    assert cooperative.ice == ice
    assert cooperative.province == "moulay-yacoub"
    assert str(cooperative.phone) == "+212661234567"
    assert (cooperative.members_count, cooperative.women_members) == (12, 7)
    assert cooperative.sectors == ["cereals", "dairy"]
    assert cooperative.rib == rib


@pytest.mark.parametrize(
    ("step", "data", "field"),
    [
        ("registration", {"register_number": "RC 1", "ice": "123456789012345"}, "ice"),
        ("payout", {"bank_name": "CIH", "rib": "123"}, "rib"),
        ("contacts", {"phone": "+33 6 12 34 56 78", "email": "a@b.ma"}, "phone"),
        (
            "figures",
            {"members_count": "5", "women_members": "6", "young_members": ""},
            "women_members",
        ),
    ],
)
def test_a_bad_value_is_shown_on_its_step_and_nothing_is_saved(
    client, owner, cooperative, step, data, field
):
    # given
    before = state(cooperative)

    # when
    response = log_in(client, owner).post(step_url(cooperative, step), data)

    # then
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert b'class="error"' in response.content
    assert state(cooperative) == before


def test_a_duplicate_register_number_is_shown_on_its_step(
    client, owner, cooperative, other_cooperative
):
    # given
    before = state(cooperative)

    # when
    response = log_in(client, owner).post(
        step_url(cooperative, "registration"),
        {"register_number": other_cooperative.register_number, "ice": cooperative.ice},
    )

    # then
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["register_number"]] == [
        "duplicate_register_number"
    ]
    assert state(cooperative) == before


def test_steps_of_an_application_under_review_lead_to_its_status(client, owner):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    before = state(cooperative)

    # when
    response = log_in(client, owner).post(step_url(cooperative, "location"), {"commune": "Fès"})

    # then
    assert response.status_code == 302
    assert response.url == status_url(cooperative)
    assert state(cooperative) == before


def test_the_documents_step_uploads_and_lists_with_a_working_link(
    client, private_root, owner, cooperative
):
    # given
    client = log_in(client, owner)

    # when
    response = client.post(
        step_url(cooperative, "documents"),
        {"kind": "statutes", "file": SimpleUploadedFile("statuts.pdf", PDF_BYTES)},
    )
    page = client.get(step_url(cooperative, "documents"))

    # then
    assert response.status_code == 302
    document = Document.objects.get(cooperative=cooperative)
    links = re.findall(rb'href="([^"]*/documents/[^"]+)"', page.content)
    assert len(links) == 1
    download = client.get(links[0].decode())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert document.original_name.encode() in page.content


def test_the_documents_step_refuses_a_disguised_file_and_stores_nothing(
    client, private_root, owner, cooperative
):
    # when
    response = log_in(client, owner).post(
        step_url(cooperative, "documents"),
        {"kind": "statutes", "file": SimpleUploadedFile("statuts.pdf", b"<html></html>")},
    )

    # then
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == [
        "invalid_file_type"
    ]
    assert b'role="alert"' in response.content
    assert stored_files(private_root) == []
    assert not Document.objects.exists()


@pytest.mark.parametrize("actor_name", ACTORS)
def test_only_members_upload_on_the_documents_step(
    client, private_root, actors, cooperative, actor_name
):
    # when
    response = log_in(client, actors[actor_name]).post(
        step_url(cooperative, "documents"),
        {"kind": "statutes", "file": SimpleUploadedFile("statuts.pdf", PDF_BYTES)},
    )

    # then
    if actor_name == "member":
        assert response.status_code == 302
        assert Document.objects.count() == 1
    else:
        assert_refused(response, actor_name)
        assert stored_files(private_root) == []
        assert not Document.objects.exists()


def test_an_approved_cooperative_may_only_add_label_certificates(
    client, private_root, owner, approved_cooperative
):
    # given
    client = log_in(client, owner)

    # when
    page = client.get(step_url(approved_cooperative, "documents"))
    refused = client.post(
        step_url(approved_cooperative, "documents"),
        {"kind": "statutes", "file": SimpleUploadedFile("statuts.pdf", PDF_BYTES)},
    )
    accepted = client.post(
        step_url(approved_cooperative, "documents"),
        {"kind": "label_certificate", "file": SimpleUploadedFile("igp.pdf", PDF_BYTES)},
    )

    # then
    assert page.status_code == 200
    assert b'data-kind="label_certificate"' in page.content
    assert b'data-kind="statutes"' not in page.content
    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert list(Document.objects.values_list("kind", flat=True)) == ["label_certificate"]


def test_the_review_step_lists_what_is_missing(client, owner):
    # given
    cooperative = make_cooperative(owner=owner, rib="")
    add_documents(cooperative, kinds=REQUIRED_DOCUMENT_KINDS[:3])

    # when
    response = log_in(client, owner).get(step_url(cooperative, "review"))

    # then
    assert response.status_code == 200
    missing = response.context["missing"]
    assert [item["step"].name for item in missing] == ["payout", "documents"]
    assert response.content.count(b"data-missing") == 2
    assert b"disabled" in response.content


def test_submitting_an_incomplete_application_changes_nothing(
    client, owner, cooperative, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = log_in(client, owner).post(step_url(cooperative, "review"))

    # then
    assert response.status_code == 200
    assert response.context["errors"]
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.DRAFT
    assert mail.outbox == []


@pytest.mark.parametrize("actor_name", ACTORS)
def test_only_members_submit_from_the_review_step(
    client, actors, cooperative, actor_name, django_capture_on_commit_callbacks
):
    # given
    add_documents(cooperative)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = log_in(client, actors[actor_name]).post(step_url(cooperative, "review"))

    # then
    cooperative.refresh_from_db()
    if actor_name == "member":
        assert response.status_code == 302
        assert response.url == status_url(cooperative)
        assert cooperative.status == CooperativeStatus.SUBMITTED
        assert [message.to for message in mail.outbox] == [
            [cooperative.memberships.get().user.email]
        ]
    else:
        assert_refused(response, actor_name)
        assert cooperative.status == CooperativeStatus.DRAFT
        assert not CooperativeTransition.objects.exists()
        assert mail.outbox == []


@pytest.mark.parametrize("actor_name", ACTORS)
def test_members_and_reviewers_see_the_status_page(client, actors, cooperative, actor_name):
    # when
    response = log_in(client, actors[actor_name]).get(status_url(cooperative))

    # then
    if actor_name in {"member", "reviewer"}:
        assert response.status_code == 200
        assert b'data-status="draft"' in response.content
    else:
        assert_refused(response, actor_name)


def test_the_status_page_shows_requested_changes_beside_their_steps(client, owner, reviewer):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    cooperative_transition(
        cooperative=cooperative,
        to_status=CooperativeStatus.CHANGES_REQUESTED,
        actor=reviewer,
        reason="Le RIB est illisible.",
        field_comments={"rib": "Clé RIB fausse", "document:bank_rib": "Photo floue"},
    )

    # when
    response = log_in(client, owner).get(status_url(cooperative))
    payout = client.get(step_url(cooperative, "payout"))
    documents = client.get(step_url(cooperative, "documents"))

    # then
    content = response.content.decode()
    assert "Le RIB est illisible." in content
    section = content[content.index('id="requested-changes"') : content.index('id="timeline"')]
    assert step_url(cooperative, "payout") in section
    assert "Clé RIB fausse" in section
    assert step_url(cooperative, "documents") in section
    assert "Photo floue" in section
    assert "Clé RIB fausse" in payout.content.decode()
    assert "Photo floue" in documents.content.decode()


def test_the_status_page_shows_the_whole_history(client, owner, reviewer):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    for to_status, reason in [
        (CooperativeStatus.CHANGES_REQUESTED, "Statuts manquants"),
        (CooperativeStatus.SUBMITTED, ""),
        (CooperativeStatus.APPROVED, "Bienvenue"),
    ]:
        actor = owner if to_status == CooperativeStatus.SUBMITTED else reviewer
        cooperative_transition(
            cooperative=cooperative, to_status=to_status, actor=actor, reason=reason
        )

    # when
    response = log_in(client, reviewer).get(status_url(cooperative))

    # then
    content = response.content.decode()
    assert reverse("backoffice:cooperative-review-detail", kwargs={"slug": cooperative.slug}) in (
        content
    )
    assert content.count("data-transition") == 3
    assert content.index("Statuts manquants") < content.index("Bienvenue")
    assert reviewer.email in content and owner.email in content
    assert b"requested-changes" not in response.content


@pytest.mark.parametrize("transitions", [3, 30])
def test_the_status_page_query_count_does_not_grow_with_history(
    client, django_assert_max_num_queries, owner, reviewer, transitions
):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.APPROVED)
    for index in range(transitions):
        actor = make_user(f"reviewer-{index}@example.com")
        CooperativeTransition.objects.create(
            cooperative=cooperative,
            from_status="approved",
            to_status="suspended" if index % 2 == 0 else "approved",
            actor=actor,
            reason=f"step {index}",
        )
    client = log_in(client, owner)

    # when
    with django_assert_max_num_queries(12):
        response = client.get(status_url(cooperative))

    # then
    assert response.content.count(b"data-transition") == transitions


@pytest.mark.parametrize("documents", [1, 10])
def test_the_documents_step_query_count_does_not_grow_with_documents(
    client, django_assert_max_num_queries, private_root, owner, cooperative, documents
):
    # given
    for index in range(documents):
        Document.objects.create(
            cooperative=cooperative,
            kind="label_certificate",
            file=f"x/{index}.pdf",
            original_name=f"label-{index}.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
        )
    client = log_in(client, owner)

    # when
    with django_assert_max_num_queries(14):
        response = client.get(step_url(cooperative, "documents"))

    # then
    assert response.content.count(b"/documents/") >= documents


def test_the_council_console_is_not_hidden_by_the_status_page(client, reviewer):
    # when
    response = log_in(client, reviewer).get(reverse("backoffice:cooperative-review-queue"))

    # then
    assert response.resolver_match.url_name == "cooperative-review-queue"


def test_a_cooperative_named_like_a_console_page_gets_another_slug(customer):
    # when
    cooperative = cooperative_apply(user=customer, data={"name_fr": "Apply"})

    # then
    assert cooperative.slug != "apply"
    assert Membership.objects.filter(cooperative=cooperative, user=customer).exists()


def test_starting_applications_is_rate_limited_per_address(client, customer):
    # given
    from marketplace.cooperatives.models import Cooperative

    client.force_login(customer)
    for number in range(5):
        client.post(
            "/backoffice/cooperatives/apply/",
            {"name_fr": f"Coop {number}", "name_ar": "تعاونية", "legal_form": "cooperative"},
        )

    # when
    response = client.post(
        "/backoffice/cooperatives/apply/",
        {"name_fr": "Coopérative de trop", "name_ar": "تعاونية", "legal_form": "cooperative"},
    )

    # then
    assert response.status_code == 429
    assert Cooperative.objects.count() == 5
