"""Council staff decisions on cooperative applications, and suspension of approved ones."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import access
from ..errors import CooperativeErrorCode
from ..models import APPLICATION_FIELDS, Cooperative, CooperativeStatus, DocumentKind
from ..notifications import send_cooperative_email
from ..saleor_warehouses import warehouse_create
from .transitions import cooperative_transition


class ReviewDecision:
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"

    CHOICES = (
        (APPROVE, _("Approve")),
        (REJECT, _("Reject")),
        (REQUEST_CHANGES, _("Request changes")),
    )


DECISION_STATUS = {
    ReviewDecision.APPROVE: CooperativeStatus.APPROVED,
    ReviewDecision.REJECT: CooperativeStatus.REJECTED,
    ReviewDecision.REQUEST_CHANGES: CooperativeStatus.CHANGES_REQUESTED,
}

DECISION_EMAIL = {
    ReviewDecision.APPROVE: "cooperatives/emails/approved",
    ReviewDecision.REJECT: "cooperatives/emails/rejected",
    ReviewDecision.REQUEST_CHANGES: "cooperatives/emails/changes_requested",
}

# The application fields a reviewer may comment on, in the order of the form.
REVIEWABLE_FIELDS = APPLICATION_FIELDS

DOCUMENT_COMMENT_PREFIX = "document:"


def reviewable_comment_keys():
    """Every key ``field_comments`` may use: field names, then ``document:<kind>``."""
    return [*REVIEWABLE_FIELDS, *(document_comment_key(kind) for kind in DocumentKind.values)]


def document_comment_key(kind):
    return f"{DOCUMENT_COMMENT_PREFIX}{kind}"


def comment_label(key):
    """A translatable label for a comment key, for pages and e-mails."""
    if key.startswith(DOCUMENT_COMMENT_PREFIX):
        return DocumentKind(key[len(DOCUMENT_COMMENT_PREFIX) :]).label
    return Cooperative._meta.get_field(key).verbose_name


def labelled_comments(field_comments):
    """``[(label, comment)]`` in form order, for templates."""
    field_comments = field_comments or {}
    return [
        (comment_label(key), field_comments[key])
        for key in reviewable_comment_keys()
        if field_comments.get(key)
    ]


def _clean_field_comments(field_comments):
    if field_comments is None:
        return {}
    if not isinstance(field_comments, dict):
        raise ValidationError(
            {
                "field_comments": ValidationError(
                    _("Comments must map field names to text."),
                    code=CooperativeErrorCode.INVALID.value,
                )
            }
        )
    known = set(reviewable_comment_keys())
    unknown = sorted(str(key) for key in field_comments if key not in known)
    if unknown:
        raise ValidationError(
            {
                "field_comments": ValidationError(
                    _("Unknown fields in comments: %(fields)s."),
                    code=CooperativeErrorCode.INVALID.value,
                    params={"fields": ", ".join(unknown)},
                )
            }
        )
    cleaned = {}
    for key, comment in field_comments.items():
        if comment is None:
            continue
        if not isinstance(comment, str):
            raise ValidationError(
                {
                    "field_comments": ValidationError(
                        _("Each comment must be text."),
                        code=CooperativeErrorCode.INVALID.value,
                    )
                }
            )
        if comment.strip():
            cleaned[key] = comment.strip()
    return cleaned


def _required_reason_error(message):
    return ValidationError(
        {"reason": ValidationError(message, code=CooperativeErrorCode.REQUIRED.value)}
    )


def cooperative_review(*, cooperative, reviewer, decision, reason="", field_comments=None):
    """Approve, reject or send back a submitted application, and tell its owners.

    Approving gives the cooperative its own Saleor warehouse. Two reviewers
    deciding at once produce one transition: the second waits on the row lock,
    then sees the new status and gets an invalid-transition error.
    """
    access.ensure_reviewer(reviewer)
    if decision not in DECISION_STATUS:
        raise ValidationError(
            {
                "decision": ValidationError(
                    _("Choose approve, reject or request changes."),
                    code=CooperativeErrorCode.INVALID.value,
                )
            }
        )
    reason = (reason or "").strip()
    comments = _clean_field_comments(field_comments)
    if decision == ReviewDecision.REJECT and not reason:
        raise _required_reason_error(_("Say why the application is rejected."))
    if decision == ReviewDecision.REQUEST_CHANGES and not (reason or comments):
        raise _required_reason_error(
            _("Say what must change: a reason or a comment on a field or document.")
        )
    if decision != ReviewDecision.REQUEST_CHANGES:
        comments = {}

    with transaction.atomic():
        # The state machine also lets "approved" come from "suspended"; a review
        # decision is only for a submitted application, checked under the lock.
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        if locked.status != CooperativeStatus.SUBMITTED:
            raise ValidationError(
                {
                    "status": ValidationError(
                        _("Only a submitted application can be reviewed; this one is %(status)s."),
                        code=CooperativeErrorCode.INVALID_TRANSITION.value,
                        params={"status": locked.get_status_display()},
                    )
                }
            )
        cooperative = cooperative_transition(
            cooperative=cooperative,
            to_status=DECISION_STATUS[decision],
            actor=reviewer,
            reason=reason,
            field_comments=comments,
        )
        if decision == ReviewDecision.APPROVE:
            cooperative_warehouse_ensure(cooperative=cooperative)
        send_cooperative_email(
            cooperative=cooperative,
            template=DECISION_EMAIL[decision],
            context={"reason": reason, "comments": labelled_comments(comments)},
        )
    return cooperative


def cooperative_suspend(*, cooperative, reviewer, reason):
    """Stop an approved cooperative from selling; the storefront hides it by its status."""
    access.ensure_reviewer(reviewer)
    reason = (reason or "").strip()
    if not reason:
        raise _required_reason_error(_("Say why the cooperative is suspended."))
    with transaction.atomic():
        cooperative = cooperative_transition(
            cooperative=cooperative,
            to_status=CooperativeStatus.SUSPENDED,
            actor=reviewer,
            reason=reason,
        )
        send_cooperative_email(
            cooperative=cooperative,
            template="cooperatives/emails/suspended",
            context={"reason": reason},
        )
    return cooperative


def cooperative_reinstate(*, cooperative, reviewer, reason=""):
    """Let a suspended cooperative sell again."""
    access.ensure_reviewer(reviewer)
    reason = (reason or "").strip()
    with transaction.atomic():
        cooperative = cooperative_transition(
            cooperative=cooperative,
            to_status=CooperativeStatus.APPROVED,
            actor=reviewer,
            reason=reason,
        )
        cooperative_warehouse_ensure(cooperative=cooperative)
        send_cooperative_email(
            cooperative=cooperative,
            template="cooperatives/emails/reinstated",
            context={"reason": reason},
        )
    return cooperative


def _fields_other_than(instance, *names):
    # Validating only what this service changes keeps a legacy oddity elsewhere
    # in the application from blocking an approval staff already decided on.
    return [field.name for field in instance._meta.fields if field.name not in names]


def cooperative_warehouse_ensure(*, cooperative):
    """Give ``cooperative`` its Saleor warehouse, once, shipping wherever Morocco is served.

    Called inside the approving transaction, after the row lock, so it never
    runs twice for the same cooperative at once.
    """
    if cooperative.warehouse_id:
        return cooperative.warehouse
    with transaction.atomic():
        warehouse = warehouse_create(
            name=cooperative.name_fr,
            slug_base=f"cooperative-{cooperative.slug}",
            company_name=cooperative.name_fr,
            email=cooperative.email,
            street=cooperative.address,
            city=cooperative.commune,
            area=cooperative.get_province_display() if cooperative.province else "",
            country="MA",
            phone=str(cooperative.phone) if cooperative.phone else "",
        )
        cooperative.warehouse = warehouse
        cooperative.full_clean(exclude=_fields_other_than(cooperative, "warehouse"))
        cooperative.save(update_fields=["warehouse", "updated_at"])
    return warehouse
