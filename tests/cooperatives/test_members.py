import datetime
import threading

import graphene
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import (
    CooperativeStatus,
    Invitation,
    Membership,
    MembershipRole,
)
from marketplace.cooperatives.services.members import (
    INVITATION_LIFETIME,
    cooperative_invitation_accept,
    cooperative_invitation_revoke,
    cooperative_member_invite,
    cooperative_member_remove,
)
from tests.fixtures.cooperatives import make_cooperative, make_user

SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"

CONFIRMED = {"confirm": "on"}

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]

INVITE = """
mutation Invite($cooperative: ID!, $email: String!, $role: MembershipRole) {
  cooperativeMemberInvite(cooperative: $cooperative, email: $email, role: $role) {
    invitation { email role expiresAt }
    cooperativeErrors { field code message }
  }
}
"""

ACCEPT = """
mutation Accept($token: String!) {
  cooperativeInvitationAccept(token: $token) {
    membership { role email }
    cooperative { slug }
    cooperativeErrors { field code message }
  }
}
"""

REMOVE = """
mutation Remove($id: ID!) {
  cooperativeMemberRemove(id: $id) {
    cooperative { slug }
    cooperativeErrors { field code message }
  }
}
"""


def cooperative_id(cooperative):
    return graphene.Node.to_global_id("Cooperative", cooperative.pk)


def membership_id(membership):
    return graphene.Node.to_global_id("CooperativeMember", membership.pk)


def error_codes(error):
    return {field: [item.code for item in items] for field, items in error.error_dict.items()}


def make_invitation(cooperative, email="invitee@example.com", **fields):
    defaults = {"expires_at": timezone.now() + INVITATION_LIFETIME}
    return Invitation.objects.create(
        cooperative=cooperative, email=email, **{**defaults, **fields}
    )


def state(cooperative):
    """Rows a refused action must leave as they were."""
    return {
        "memberships": sorted(
            Membership.objects.filter(cooperative=cooperative).values_list("user_id", "role")
        ),
        "invitations": sorted(
            Invitation.objects.filter(cooperative=cooperative).values_list(
                "email", "role", "expires_at", "accepted_at", "revoked_at"
            )
        ),
        "mails": len(mail.outbox),
    }


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def manager(approved_cooperative):
    user = make_user("manager@example.com")
    Membership.objects.create(
        cooperative=approved_cooperative, user=user, role=MembershipRole.MANAGER
    )
    return user


@pytest.fixture
def invitee(db):
    return make_user("invitee@example.com")


# --- services: invitations -------------------------------------------------


@pytest.mark.django_db
def test_owner_invites_a_manager_and_the_invitee_gets_the_acceptance_link(
    approved_cooperative, owner, run_on_commit
):
    # when
    with run_on_commit():
        invitation = cooperative_member_invite(
            cooperative=approved_cooperative, inviter=owner, email="New.Person@Example.COM"
        )

    # then
    assert invitation.role == MembershipRole.MANAGER
    assert invitation.email == "New.Person@example.com"
    assert invitation.invited_by == owner
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["New.Person@example.com"]
    accept_path = reverse(
        "backoffice:cooperative-invitation-accept", kwargs={"token": invitation.token}
    )
    assert accept_path in message.body


@pytest.mark.django_db
def test_invitation_expires_seven_days_after_it_is_sent(approved_cooperative, owner):
    # given
    before = timezone.now()

    # when
    invitation = cooperative_member_invite(
        cooperative=approved_cooperative, inviter=owner, email="x@example.com"
    )

    # then
    assert before + datetime.timedelta(days=7) <= invitation.expires_at
    assert invitation.expires_at <= timezone.now() + datetime.timedelta(days=7)


@pytest.mark.django_db
def test_inviting_the_same_email_again_resends_the_open_invitation(
    approved_cooperative, owner, run_on_commit
):
    # given
    first = make_invitation(
        approved_cooperative,
        email="again@example.com",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )

    # when
    with run_on_commit():
        second = cooperative_member_invite(
            cooperative=approved_cooperative, inviter=owner, email="AGAIN@example.com"
        )

    # then
    assert second.pk == first.pk
    assert Invitation.objects.filter(cooperative=approved_cooperative).count() == 1
    assert second.expires_at > timezone.now() + datetime.timedelta(days=6)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_expired_invitation_is_not_resent_but_replaced(approved_cooperative, owner):
    # given
    expired = make_invitation(
        approved_cooperative,
        email="late@example.com",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )

    # when
    invitation = cooperative_member_invite(
        cooperative=approved_cooperative, inviter=owner, email="late@example.com"
    )

    # then
    assert invitation.pk != expired.pk
    assert invitation.token != expired.token


@pytest.mark.django_db
def test_inviting_an_existing_member_is_refused(approved_cooperative, owner, manager):
    # given
    before = state(approved_cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_member_invite(
            cooperative=approved_cooperative, inviter=owner, email="MANAGER@example.com"
        )

    # then
    assert error_codes(error.value) == {"email": [CooperativeErrorCode.ALREADY_MEMBER.value]}
    assert state(approved_cooperative) == before


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["", "not-an-email", "a@b@c.ma"])
def test_inviting_a_malformed_email_is_refused(approved_cooperative, owner, email):
    # given
    before = state(approved_cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_member_invite(cooperative=approved_cooperative, inviter=owner, email=email)

    # then
    assert error_codes(error.value) == {"email": [CooperativeErrorCode.INVALID.value]}
    assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_a_manager_cannot_invite(approved_cooperative, manager):
    # given
    before = state(approved_cooperative)

    # when
    with pytest.raises(PermissionDenied):
        cooperative_member_invite(
            cooperative=approved_cooperative, inviter=manager, email="x@example.com"
        )

    # then
    assert state(approved_cooperative) == before


# --- services: accepting ---------------------------------------------------


@pytest.mark.django_db
def test_accepting_makes_the_invitee_a_member_with_the_invited_role(approved_cooperative, invitee):
    # given
    invitation = make_invitation(approved_cooperative, role=MembershipRole.OWNER)

    # when
    membership = cooperative_invitation_accept(token=invitation.token, user=invitee)

    # then
    assert membership.cooperative == approved_cooperative
    assert membership.user == invitee
    assert membership.role == MembershipRole.OWNER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


@pytest.mark.django_db
def test_the_invitation_email_matches_the_account_whatever_the_case(approved_cooperative):
    # given
    user = make_user("Mixed.Case@Example.com")
    invitation = make_invitation(approved_cooperative, email="mixed.case@example.com")

    # when
    membership = cooperative_invitation_accept(token=invitation.token, user=user)

    # then
    assert membership.user == user


@pytest.mark.django_db
def test_accepting_twice_gives_the_same_single_membership(approved_cooperative, invitee):
    # given
    invitation = make_invitation(approved_cooperative)

    # when
    first = cooperative_invitation_accept(token=invitation.token, user=invitee)
    second = cooperative_invitation_accept(token=invitation.token, user=invitee)

    # then
    assert first.pk == second.pk
    assert Membership.objects.filter(cooperative=approved_cooperative, user=invitee).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("spoil", ["expired", "revoked", "used_by_someone_else", "unknown"])
def test_an_unusable_invitation_is_refused_and_nothing_changes(
    approved_cooperative, invitee, spoil
):
    # given
    invitation = make_invitation(approved_cooperative)
    token = invitation.token
    if spoil == "expired":
        invitation.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    elif spoil == "revoked":
        invitation.revoked_at = timezone.now()
    elif spoil == "used_by_someone_else":
        invitation.accepted_at = timezone.now()
    else:
        token = "0" * 32
    invitation.save()
    before = state(approved_cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_invitation_accept(token=token, user=invitee)

    # then
    assert error_codes(error.value) == {"token": [CooperativeErrorCode.INVALID_INVITATION.value]}
    assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_an_invitation_cannot_be_accepted_by_another_account(approved_cooperative, customer):
    # given
    invitation = make_invitation(approved_cooperative)
    before = state(approved_cooperative)

    # when
    with pytest.raises(PermissionDenied):
        cooperative_invitation_accept(token=invitation.token, user=customer)

    # then
    assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_owner_revokes_an_open_invitation_which_then_cannot_be_accepted(
    approved_cooperative, owner, invitee
):
    # given
    invitation = make_invitation(approved_cooperative)

    # when
    cooperative_invitation_revoke(invitation=invitation, user=owner)

    # then
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(ValidationError):
        cooperative_invitation_accept(token=invitation.token, user=invitee)


@pytest.mark.django_db
def test_a_manager_cannot_revoke_an_invitation(approved_cooperative, manager):
    # given
    invitation = make_invitation(approved_cooperative)
    before = state(approved_cooperative)

    # when
    with pytest.raises(PermissionDenied):
        cooperative_invitation_revoke(invitation=invitation, user=manager)

    # then
    assert state(approved_cooperative) == before


# --- services: removing ----------------------------------------------------


@pytest.mark.django_db
def test_owner_removes_a_manager(approved_cooperative, owner, manager):
    # given
    membership = Membership.objects.get(user=manager)

    # when
    cooperative_member_remove(membership=membership, user=owner)

    # then
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_a_manager_may_leave(approved_cooperative, manager):
    # given
    membership = Membership.objects.get(user=manager)

    # when
    cooperative_member_remove(membership=membership, user=manager)

    # then
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_a_manager_cannot_remove_an_owner_or_another_manager(approved_cooperative, owner, manager):
    # given
    other_manager = make_user("second-manager@example.com")
    Membership.objects.create(
        cooperative=approved_cooperative, user=other_manager, role=MembershipRole.MANAGER
    )
    before = state(approved_cooperative)

    # when / then
    for target in (owner, other_manager):
        with pytest.raises(PermissionDenied):
            cooperative_member_remove(
                membership=Membership.objects.get(cooperative=approved_cooperative, user=target),
                user=manager,
            )
    assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_the_last_owner_cannot_be_removed_even_by_themself(approved_cooperative, owner, manager):
    # given
    membership = Membership.objects.get(user=owner)
    before = state(approved_cooperative)

    # when
    with pytest.raises(ValidationError) as error:
        cooperative_member_remove(membership=membership, user=owner)

    # then
    assert error_codes(error.value) == {"id": [CooperativeErrorCode.LAST_OWNER.value]}
    assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_an_owner_may_remove_another_owner_while_one_remains(approved_cooperative, owner):
    # given
    second_owner = make_user("second-owner@example.com")
    membership = Membership.objects.create(
        cooperative=approved_cooperative, user=second_owner, role=MembershipRole.OWNER
    )

    # when
    cooperative_member_remove(membership=membership, user=owner)

    # then
    assert list(
        Membership.objects.filter(cooperative=approved_cooperative).values_list("user", "role")
    ) == [(owner.pk, MembershipRole.OWNER)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("targets", "refusal"),
    [
        ("themselves", CooperativeErrorCode.LAST_OWNER.value),
        ("each_other", "permission_denied"),
    ],
)
def test_two_owners_removed_at_once_always_leave_one_owner(monkeypatch, targets, refusal):
    # given
    first = make_user("first-owner@example.com")
    second = make_user("second-owner@example.com")
    cooperative = make_cooperative(owner=first, status=CooperativeStatus.APPROVED)
    Membership.objects.create(cooperative=cooperative, user=second, role=MembershipRole.OWNER)
    memberships = {m.user_id: m for m in Membership.objects.filter(cooperative=cooperative)}
    # Both removals meet just before deleting, unless the lock keeps the
    # second one out; the barrier gives up after a while in that case.
    barrier = threading.Barrier(2, timeout=2)
    original_delete = Membership.delete

    def delete_after_meeting(self, *args, **kwargs):
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return original_delete(self, *args, **kwargs)

    monkeypatch.setattr(Membership, "delete", delete_after_meeting)
    outcomes = []

    def remove(actor, target):
        try:
            cooperative_member_remove(membership=memberships[target.pk], user=actor)
            outcomes.append("removed")
        except ValidationError as error:
            outcomes.append(error_codes(error)["id"][0])
        except PermissionDenied:
            outcomes.append("permission_denied")
        finally:
            connection.close()

    pairs = [(first, first), (second, second)]
    if targets == "each_other":
        pairs = [(first, second), (second, first)]
    threads = [threading.Thread(target=remove, args=pair) for pair in pairs]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then
    assert sorted(outcomes) == sorted(["removed", refusal])
    assert (
        Membership.objects.filter(cooperative=cooperative, role=MembershipRole.OWNER).count() == 1
    )


# --- GraphQL ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_only_an_owner_may_invite_over_graphql(
    graphql, user_token, actors, approved_cooperative, actor, run_on_commit
):
    # given
    before = state(approved_cooperative)

    # when
    with run_on_commit():
        body = graphql(
            INVITE,
            {"cooperative": cooperative_id(approved_cooperative), "email": "new@example.com"},
            token=user_token(actors[actor]),
        )

    # then
    if actor == "member":
        result = body["data"]["cooperativeMemberInvite"]
        assert result["cooperativeErrors"] == []
        assert result["invitation"]["email"] == "new@example.com"
        assert result["invitation"]["role"] == "MANAGER"
        assert Invitation.objects.filter(cooperative=approved_cooperative).count() == 1
        assert len(mail.outbox) == 1
    else:
        assert body["errors"]
        assert body["data"]["cooperativeMemberInvite"] is None
        assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_inviting_a_member_over_graphql_returns_already_member(
    graphql, user_token, approved_cooperative, owner, manager
):
    # when
    body = graphql(
        INVITE,
        {"cooperative": cooperative_id(approved_cooperative), "email": "manager@example.com"},
        token=user_token(owner),
    )

    # then
    errors = body["data"]["cooperativeMemberInvite"]["cooperativeErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("email", "ALREADY_MEMBER")]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_invited_account_may_accept_over_graphql(
    graphql, user_token, actors, approved_cooperative, actor
):
    # given
    invitation = make_invitation(approved_cooperative)
    before = state(approved_cooperative)

    # when
    body = graphql(ACCEPT, {"token": invitation.token}, token=user_token(actors[actor]))

    # then
    assert body["errors"]
    assert body["data"]["cooperativeInvitationAccept"] is None
    assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_the_invitee_accepts_over_graphql_once_even_when_submitted_twice(
    graphql, user_token, approved_cooperative, invitee
):
    # given
    invitation = make_invitation(approved_cooperative)

    # when
    first = graphql(ACCEPT, {"token": invitation.token}, token=user_token(invitee))
    second = graphql(ACCEPT, {"token": invitation.token}, token=user_token(invitee))

    # then
    for body in (first, second):
        result = body["data"]["cooperativeInvitationAccept"]
        assert result["cooperativeErrors"] == []
        assert result["membership"] == {"role": "MANAGER", "email": "invitee@example.com"}
        assert result["cooperative"] == {"slug": approved_cooperative.slug}
    assert Membership.objects.filter(user=invitee).count() == 1


@pytest.mark.django_db
def test_an_expired_invitation_over_graphql_returns_invalid_invitation(
    graphql, user_token, approved_cooperative, invitee
):
    # given
    invitation = make_invitation(
        approved_cooperative, expires_at=timezone.now() - datetime.timedelta(hours=1)
    )

    # when
    body = graphql(ACCEPT, {"token": invitation.token}, token=user_token(invitee))

    # then
    errors = body["data"]["cooperativeInvitationAccept"]["cooperativeErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("token", "INVALID_INVITATION")]
    assert not Membership.objects.filter(user=invitee).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_only_an_owner_may_remove_a_manager_over_graphql(
    graphql, user_token, actors, approved_cooperative, manager, actor
):
    # given
    membership = Membership.objects.get(user=manager)
    before = state(approved_cooperative)

    # when
    body = graphql(REMOVE, {"id": membership_id(membership)}, token=user_token(actors[actor]))

    # then
    if actor == "member":
        result = body["data"]["cooperativeMemberRemove"]
        assert result["cooperativeErrors"] == []
        assert result["cooperative"] == {"slug": approved_cooperative.slug}
        assert not Membership.objects.filter(pk=membership.pk).exists()
    else:
        assert body["errors"]
        assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_removing_the_last_owner_over_graphql_returns_last_owner(
    graphql, user_token, approved_cooperative, owner
):
    # given
    membership = Membership.objects.get(user=owner)

    # when
    body = graphql(REMOVE, {"id": membership_id(membership)}, token=user_token(owner))

    # then
    errors = body["data"]["cooperativeMemberRemove"]["cooperativeErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "LAST_OWNER")]
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- pages -----------------------------------------------------------------


def login(client, user):
    # The first configured backend is Saleor's JWT one, which cannot restore a session.
    if user is not None:
        client.force_login(user, backend=SESSION_BACKEND)
    return client


def members_url(cooperative):
    return reverse("backoffice:cooperative-members", kwargs={"slug": cooperative.slug})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", 302),
        ("customer", 403),
        ("other_cooperative_member", 403),
        ("member", 200),
        ("staff_without_permission", 403),
        ("reviewer", 200),
    ],
)
def test_who_may_see_the_members_page(client, actors, approved_cooperative, actor, expected):
    # given
    make_invitation(approved_cooperative, email="waiting@example.com")

    # when
    response = login(client, actors[actor]).get(members_url(approved_cooperative))

    # then
    assert response.status_code == expected
    if expected == 200:
        content = response.content.decode()
        assert "owner@example.com" in content
        assert "waiting@example.com" in content
    if actor == "anonymous":
        assert response.url.startswith(reverse("storefront:login"))


@pytest.mark.django_db
def test_the_members_page_works_in_arabic(client, approved_cooperative, owner):
    # given
    make_invitation(approved_cooperative, email="waiting@example.com")
    with translation.override("ar"):
        url = members_url(approved_cooperative)

    # when
    response = login(client, owner).get(url)

    # then
    assert url.startswith("/ar/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


@pytest.mark.django_db
def test_the_members_page_offers_the_invite_form_to_owners_only(
    client, approved_cooperative, owner, manager
):
    # when
    as_owner = login(Client(), owner).get(members_url(approved_cooperative))
    as_manager = login(client, manager).get(members_url(approved_cooperative))

    # then
    invite_url = reverse(
        "backoffice:cooperative-member-invite", kwargs={"slug": approved_cooperative.slug}
    )
    assert invite_url in as_owner.content.decode()
    assert as_owner.context["form"] is not None
    assert invite_url not in as_manager.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_invite_from_the_members_page(
    client, actors, approved_cooperative, actor, run_on_commit
):
    # given
    before = state(approved_cooperative)
    url = reverse(
        "backoffice:cooperative-member-invite", kwargs={"slug": approved_cooperative.slug}
    )

    # when
    with run_on_commit():
        response = login(client, actors[actor]).post(
            url, {"email": "new@example.com", "role": "manager"}
        )

    # then
    if actor == "member":
        assert response.status_code == 302
        assert response.url == members_url(approved_cooperative)
        assert Invitation.objects.filter(email="new@example.com").count() == 1
        assert len(mail.outbox) == 1
    else:
        assert response.status_code in (302, 403)
        if actor == "anonymous":
            assert response.url.startswith(reverse("storefront:login"))
        else:
            assert response.status_code == 403
        assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_inviting_a_member_from_the_page_shows_the_error(
    client, approved_cooperative, owner, manager
):
    # given
    before = state(approved_cooperative)
    url = reverse(
        "backoffice:cooperative-member-invite", kwargs={"slug": approved_cooperative.slug}
    )

    # when
    response = login(client, owner).post(url, {"email": "manager@example.com", "role": "manager"})

    # then
    assert response.status_code == 400
    assert [e.code for e in response.context["form"].errors.as_data()["email"]] == [
        CooperativeErrorCode.ALREADY_MEMBER.value
    ]
    assert state(approved_cooperative) == before


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_remove_a_manager_from_the_members_page(
    client, actors, approved_cooperative, manager, actor
):
    # given
    membership = Membership.objects.get(user=manager)
    before = state(approved_cooperative)
    url = reverse(
        "backoffice:cooperative-member-remove",
        kwargs={"slug": approved_cooperative.slug, "pk": membership.pk},
    )

    # when
    response = login(client, actors[actor]).post(url, CONFIRMED)

    # then
    if actor == "member":
        assert response.status_code == 302
        assert not Membership.objects.filter(pk=membership.pk).exists()
    else:
        assert response.status_code == (302 if actor == "anonymous" else 403)
        assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_a_manager_leaves_from_the_members_page(client, approved_cooperative, manager):
    # given
    membership = Membership.objects.get(user=manager)
    url = reverse(
        "backoffice:cooperative-member-remove",
        kwargs={"slug": approved_cooperative.slug, "pk": membership.pk},
    )

    # when
    response = login(client, manager).post(url, CONFIRMED)

    # then
    assert response.status_code == 302
    assert response.url == reverse("backoffice:home")
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_an_accepted_invitation_page_takes_the_new_member_to_the_members_page(
    client, approved_cooperative, invitee
):
    # given
    invitation = make_invitation(approved_cooperative)
    cooperative_invitation_accept(token=invitation.token, user=invitee)

    # when
    response = login(client, invitee).get(accept_url(invitation))

    # then
    assert response.status_code == 302
    assert response.url == members_url(approved_cooperative)


@pytest.mark.django_db
def test_removing_the_last_owner_from_the_page_keeps_them(client, approved_cooperative, owner):
    # given
    membership = Membership.objects.get(user=owner)
    url = reverse(
        "backoffice:cooperative-member-remove",
        kwargs={"slug": approved_cooperative.slug, "pk": membership.pk},
    )

    # when
    response = login(client, owner).post(url, CONFIRMED, follow=True)

    # then
    assert response.status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_withdraw_an_invitation_from_the_members_page(
    client, actors, approved_cooperative, actor
):
    # given
    invitation = make_invitation(approved_cooperative)
    before = state(approved_cooperative)
    url = reverse(
        "backoffice:cooperative-invitation-revoke",
        kwargs={"slug": approved_cooperative.slug, "pk": invitation.pk},
    )

    # when
    response = login(client, actors[actor]).post(url)

    # then
    invitation.refresh_from_db()
    if actor == "member":
        assert response.status_code == 302
        assert invitation.revoked_at is not None
    else:
        assert response.status_code == (302 if actor == "anonymous" else 403)
        assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_member_forms_need_the_csrf_token(approved_cooperative, owner, manager):
    # given
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend=SESSION_BACKEND)
    membership = Membership.objects.get(user=manager)
    before = state(approved_cooperative)

    # when
    response = client.post(
        reverse(
            "backoffice:cooperative-member-remove",
            kwargs={"slug": approved_cooperative.slug, "pk": membership.pk},
        ),
        CONFIRMED,
    )

    # then
    assert response.status_code == 403
    assert state(approved_cooperative) == before


def accept_url(invitation):
    return reverse("backoffice:cooperative-invitation-accept", kwargs={"token": invitation.token})


@pytest.mark.django_db
def test_the_accept_page_asks_an_anonymous_visitor_to_log_in_and_come_back(
    client, approved_cooperative
):
    # given
    invitation = make_invitation(approved_cooperative)

    # when
    response = client.get(accept_url(invitation))

    # then
    assert response.status_code == 302
    assert response.url == f"{reverse('storefront:login')}?next={accept_url(invitation)}"


@pytest.mark.django_db
def test_the_invitee_sees_the_cooperative_and_accepts(client, approved_cooperative, invitee):
    # given
    invitation = make_invitation(approved_cooperative)
    client.force_login(invitee, backend=SESSION_BACKEND)

    # when
    page = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation))
    again = client.post(accept_url(invitation))

    # then
    assert page.status_code == 200
    assert approved_cooperative.name_fr in page.content.decode()
    assert '<form method="post"' in page.content.decode()
    assert response.status_code == 302
    assert response.url == members_url(approved_cooperative)
    assert again.status_code == 302
    assert Membership.objects.filter(user=invitee, cooperative=approved_cooperative).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "anonymous"])
def test_another_account_cannot_accept_on_the_page(client, actors, approved_cooperative, actor):
    # given
    invitation = make_invitation(approved_cooperative)
    before = state(approved_cooperative)
    client.force_login(actors[actor], backend=SESSION_BACKEND)

    # when
    page = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation))

    # then
    assert page.status_code == 403
    assert page.context["error"]
    assert response.status_code == 403
    assert state(approved_cooperative) == before


@pytest.mark.django_db
def test_an_expired_invitation_page_says_so_and_accepts_nothing(
    client, approved_cooperative, invitee
):
    # given
    invitation = make_invitation(
        approved_cooperative, expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(invitee, backend=SESSION_BACKEND)

    # when
    page = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation))

    # then
    assert page.status_code == 400
    assert response.status_code == 400
    assert not Membership.objects.filter(user=invitee).exists()
