"""What council reviewers read: the queue of applications and the checks on each."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, F, Func, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from ..models import (
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeStatus,
    CooperativeTransition,
    Document,
    Membership,
)
from ..validators import normalize_rib, rib_is_valid, validate_ice, validate_moroccan_phone

AWAITING_STATUSES = (CooperativeStatus.SUBMITTED, CooperativeStatus.CHANGES_REQUESTED)


def review_queue(*, status=None, province=None):
    """Applications for reviewers: submitted ones first, the longest waiting first.

    Without ``status``, only the applications still in review (submitted, then
    those sent back and awaiting the cooperative); ``status="all"`` lists
    every cooperative in that same order.
    """
    queryset = Cooperative.objects.all()
    if not status:
        queryset = queryset.filter(status__in=AWAITING_STATUSES)
    elif status != "all":
        queryset = queryset.filter(status=status)
    if province:
        queryset = queryset.in_province(province)
    return (
        queryset.annotate(
            queue_rank=Case(
                When(status=CooperativeStatus.SUBMITTED, then=Value(0)),
                When(status=CooperativeStatus.CHANGES_REQUESTED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("queue_rank", F("submitted_at").asc(nulls_last=True), "pk")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("user")),
            Prefetch(
                "documents",
                queryset=Document.objects.current().order_by("kind", "-uploaded_at", "pk"),
                to_attr="current_documents",
            ),
        )
    )


def review_detail(*, slug):
    """One cooperative with what the review page shows, prefetched."""
    return (
        Cooperative.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("user")),
            Prefetch(
                "documents",
                queryset=Document.objects.current().order_by("kind", "-uploaded_at", "pk"),
                to_attr="current_documents",
            ),
            Prefetch(
                "transitions",
                queryset=CooperativeTransition.objects.select_related("actor"),
                to_attr="timeline",
            ),
        )
        .first()
    )


def normalize_ice_for_comparison(value):
    return re.sub(r"[^0-9]", "", value or "")


def normalize_register_number(value):
    """Register numbers are typed freely ("RC 123", "rc-123"): compare letters and digits."""
    return re.sub(r"[^A-Za-z0-9]", "", value or "").upper()


def _regexp_replace(field, pattern):
    return Func(
        F(field), Value(pattern), Value(""), Value("g"),
        function="regexp_replace", output_field=CharField(),
    )


def duplicates_of(cooperatives):
    """``{pk: {"ice": [names], "register_number": [names]}}`` of other cooperatives.

    One query for any number of cooperatives, so the queue stays constant.
    """
    cooperatives = list(cooperatives)
    ices = {normalize_ice_for_comparison(c.ice) for c in cooperatives} - {""}
    register_numbers = {normalize_register_number(c.register_number) for c in cooperatives} - {
        ""
    }
    result = {c.pk: {"ice": [], "register_number": []} for c in cooperatives}
    if not ices and not register_numbers:
        return result
    rows = (
        Cooperative.objects.annotate(
            normalized_ice=_regexp_replace("ice", "[^0-9]"),
            normalized_register_number=Upper(_regexp_replace("register_number", "[^A-Za-z0-9]")),
        )
        .filter(
            Q(normalized_ice__in=ices) | Q(normalized_register_number__in=register_numbers)
        )
        .order_by("name_fr", "pk")
        .values_list("pk", "name_fr", "normalized_ice", "normalized_register_number")
    )
    by_ice, by_register_number = {}, {}
    for pk, name, ice, register_number in rows:
        if ice:
            by_ice.setdefault(ice, []).append((pk, name))
        if register_number:
            by_register_number.setdefault(register_number, []).append((pk, name))
    for cooperative in cooperatives:
        ice = normalize_ice_for_comparison(cooperative.ice)
        register_number = normalize_register_number(cooperative.register_number)
        result[cooperative.pk]["ice"] = [
            name for pk, name in by_ice.get(ice, []) if pk != cooperative.pk
        ]
        result[cooperative.pk]["register_number"] = [
            name for pk, name in by_register_number.get(register_number, [])
            if pk != cooperative.pk
        ]
    return result


def _passes(validator, value):
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _check(code, passed, message):
    return {"code": code, "passed": bool(passed), "message": message}


def _current_documents(cooperative):
    documents = getattr(cooperative, "current_documents", None)
    if documents is None:
        documents = list(cooperative.documents.current())
    return documents


def review_checks(cooperative, *, duplicates=None):
    """What a reviewer must not miss, each ``{code, passed, message}``.

    ``duplicates`` is this cooperative's entry of ``duplicates_of`` when the
    caller already computed it for a whole page.
    """
    if duplicates is None:
        duplicates = duplicates_of([cooperative])[cooperative.pk]
    kinds_present = {document.kind for document in _current_documents(cooperative)}
    members = cooperative.members_count
    checks = [
        _check(
            "ice_valid",
            bool(cooperative.ice) and _passes(validate_ice, cooperative.ice),
            _("ICE: 15 digits with correct check digits."),
        ),
        _check(
            "rib_valid",
            rib_is_valid(normalize_rib(cooperative.rib)),
            _("RIB: 24 digits with a correct key."),
        ),
        _check(
            "phone_valid",
            bool(cooperative.phone) and _passes(validate_moroccan_phone, cooperative.phone),
            _("Phone: a valid Moroccan number."),
        ),
        _check(
            "register_number_present",
            bool((cooperative.register_number or "").strip()),
            _("Register number given."),
        ),
        _check(
            "ice_unique",
            not duplicates["ice"],
            _("No other cooperative has this ICE.")
            if not duplicates["ice"]
            else _("Same ICE as: %(names)s.") % {"names": ", ".join(duplicates["ice"])},
        ),
        _check(
            "register_number_unique",
            not duplicates["register_number"],
            _("No other cooperative has this register number.")
            if not duplicates["register_number"]
            else _("Same register number as: %(names)s.")
            % {"names": ", ".join(duplicates["register_number"])},
        ),
    ]
    for kind in REQUIRED_DOCUMENT_KINDS:
        checks.append(
            _check(
                f"document_{kind.value}",
                kind.value in kinds_present,
                _("Document filed: %(kind)s.") % {"kind": kind.label},
            )
        )
    checks.append(
        _check(
            "members_consistent",
            members is not None
            and (cooperative.women_members or 0) <= members
            and (cooperative.young_members or 0) <= members,
            _("Women and young members are no more than the members."),
        )
    )
    return checks


def with_review_checks(cooperatives):
    """Evaluate ``cooperatives`` and attach ``review_checks`` and ``failed_checks_count``."""
    cooperatives = list(cooperatives)
    duplicates = duplicates_of(cooperatives)
    for cooperative in cooperatives:
        cooperative.review_checks = review_checks(
            cooperative, duplicates=duplicates[cooperative.pk]
        )
        cooperative.failed_checks_count = sum(
            1 for check in cooperative.review_checks if not check["passed"]
        )
    return cooperatives
