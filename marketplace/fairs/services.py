"""Every change to fairs, stops, applications and fair collections.

Stands are the scarce resource: deciding an application locks the stop's row
(capacity) and then the cooperative's row (no two overlapping stops), always
in that order, so two staff accepting at once are serialised and the second
sees the first's decision.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.models import Cooperative
from marketplace.cooperatives.notifications import send_cooperative_email

from . import access, saleor_collections
from .errors import FairErrorCode
from .models import (
    ApplicationStatus,
    Fair,
    FairApplication,
    FairEvent,
    FairStatus,
    FairStop,
    StopStatus,
)
from .selectors import waitlist_in_suggested_order
from .signals import stop_cancelled

FAIR_FIELDS = (
    "slug",
    "kind",
    "name_fr",
    "name_ar",
    "name_en",
    "description_fr",
    "description_ar",
    "description_en",
    "season_start",
    "season_end",
)

STOP_FIELDS = (
    "province",
    "commune",
    "venue",
    "latitude",
    "longitude",
    "starts_at",
    "ends_at",
    "stand_capacity",
    "application_deadline",
    "pickup_offered",
    "pickup_cutoff_hours",
    "team",
    "internal_notes",
)

NEEDS_MAX_LENGTH = 2000


class Decision:
    ACCEPT = "accept"
    WAITLIST = "waitlist"
    REJECT = "reject"

    STATUS = {
        ACCEPT: ApplicationStatus.ACCEPTED,
        WAITLIST: ApplicationStatus.WAITLISTED,
        REJECT: ApplicationStatus.REJECTED,
    }
    CHOICES = (
        (ACCEPT, _("Accept")),
        (WAITLIST, _("Waitlist")),
        (REJECT, _("Reject")),
    )


def _error(field, message, code, **params):
    return ValidationError({field: ValidationError(message, code=code.value, params=params)})


def _transition_error(label, from_label, to_label):
    return _error(
        "status",
        _("%(what)s cannot go from “%(from)s” to “%(to)s”."),
        FairErrorCode.INVALID_TRANSITION,
        what=label,
        **{"from": from_label, "to": to_label},
    )


def _record(*, fair, actor, action, stop=None, application=None, **extra):
    FairEvent.objects.create(
        fair=fair, stop=stop, application=application, actor=actor, action=action, **extra
    )


def _clean(instance):
    try:
        instance.full_clean(exclude=["created_by", "collection"])
    except ValidationError as error:
        for errors in error.error_dict.values():
            for item in errors:
                if item.code == "unique":
                    item.code = FairErrorCode.DUPLICATE_SLUG.value
                elif item.code in ("required", "blank", "null"):
                    item.code = FairErrorCode.REQUIRED.value
                elif item.code not in {code.value for code in FairErrorCode}:
                    item.code = FairErrorCode.INVALID.value
        raise


def _changes(instance, data, fields):
    changes = {}
    for field in fields:
        if field in data and getattr(instance, field) != data[field]:
            changes[field] = [str(getattr(instance, field)), str(data[field])]
            setattr(instance, field, data[field])
    return changes


# Fairs


def _check_season(fair):
    if fair.season_start and fair.season_end and fair.season_end < fair.season_start:
        raise _error(
            "season_end",
            _("The season cannot end before it starts."),
            FairErrorCode.INVALID_DATES,
        )


def fair_create(*, actor, data):
    access.ensure_fair_staff(actor)
    fair = Fair(created_by=actor)
    _changes(fair, data, FAIR_FIELDS)
    _check_season(fair)
    _clean(fair)
    with transaction.atomic():
        fair.save()
        _record(fair=fair, actor=actor, action="fair_created", to_status=fair.status)
    return fair


def fair_update(*, fair, actor, data):
    access.ensure_fair_staff(actor)
    with transaction.atomic():
        fair = Fair.objects.select_for_update().get(pk=fair.pk)
        if fair.status == FairStatus.ARCHIVED:
            raise _transition_error(_("An archived fair"), fair.get_status_display(), "—")
        changes = _changes(fair, data, FAIR_FIELDS)
        _check_season(fair)
        _clean(fair)
        fair.save()
        _record(fair=fair, actor=actor, action="fair_updated", changes=changes)
    return fair


def _fair_transition(*, fair, actor, to_status, reason=""):
    access.ensure_fair_staff(actor)
    with transaction.atomic():
        locked = Fair.objects.select_for_update().get(pk=fair.pk)
        if not locked.can_transition_to(to_status):
            raise _transition_error(
                _("A fair"), locked.get_status_display(), FairStatus(to_status).label
            )
        from_status = locked.status
        locked.status = to_status
        if to_status == FairStatus.PUBLISHED:
            locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
        for stop in locked.stops.filter(status=StopStatus.PUBLISHED, collection__isnull=False):
            saleor_collections.collection_set_published(
                stop.collection, to_status == FairStatus.PUBLISHED
            )
        _record(
            fair=locked,
            actor=actor,
            action=f"fair_{to_status}",
            from_status=from_status,
            to_status=to_status,
            reason=reason,
        )
    return locked


def fair_publish(*, fair, actor):
    """Show the fair and its published stops (and their collections) to shoppers."""
    return _fair_transition(fair=fair, actor=actor, to_status=FairStatus.PUBLISHED)


def fair_archive(*, fair, actor, reason=""):
    """Take the fair off the storefront once its season is over."""
    return _fair_transition(fair=fair, actor=actor, to_status=FairStatus.ARCHIVED, reason=reason)


# Stops


def _check_stop(stop):
    if stop.starts_at and stop.ends_at and stop.ends_at <= stop.starts_at:
        raise _error(
            "ends_at", _("A stop must close after it opens."), FairErrorCode.INVALID_DATES
        )
    if stop.application_deadline and stop.starts_at and stop.application_deadline > stop.starts_at:
        raise _error(
            "application_deadline",
            _("Applications must close before the stop opens."),
            FairErrorCode.INVALID_DATES,
        )
    if stop.starts_at and stop.fair_id:
        day = timezone.localtime(stop.starts_at).date()
        if not stop.fair.season_start <= day <= stop.fair.season_end:
            raise _error(
                "starts_at",
                _("The stop must open within the fair's season (%(start)s – %(end)s)."),
                FairErrorCode.INVALID_DATES,
                start=stop.fair.season_start.isoformat(),
                end=stop.fair.season_end.isoformat(),
            )


def _clean_stop(stop):
    try:
        _clean(stop)
    except ValidationError as error:
        for field in ("latitude", "longitude"):
            for item in error.error_dict.get(field, []):
                item.code = FairErrorCode.INVALID_COORDINATES.value
        raise


def stop_create(*, fair, actor, data):
    access.ensure_fair_staff(actor)
    with transaction.atomic():
        fair = Fair.objects.select_for_update().get(pk=fair.pk)
        if fair.status == FairStatus.ARCHIVED:
            raise _transition_error(_("An archived fair"), fair.get_status_display(), "—")
        stop = FairStop(fair=fair)
        _changes(stop, data, STOP_FIELDS)
        _clean_stop(stop)
        _check_stop(stop)
        stop.save()
        _record(fair=fair, stop=stop, actor=actor, action="stop_created", to_status=stop.status)
    return stop


def stop_update(*, stop, actor, data):
    access.ensure_fair_staff(actor)
    with transaction.atomic():
        stop = FairStop.objects.select_for_update().select_related("fair").get(pk=stop.pk)
        if stop.status in (StopStatus.CANCELLED, StopStatus.DONE):
            raise _transition_error(_("A stop"), stop.get_status_display(), "—")
        changes = _changes(stop, data, STOP_FIELDS)
        _clean_stop(stop)
        _check_stop(stop)
        accepted = stop.applications.accepted().count()
        if stop.stand_capacity < accepted:
            raise _error(
                "stand_capacity",
                _("%(count)s cooperatives are already accepted: keep at least that many stands."),
                FairErrorCode.CAPACITY_REACHED,
                count=accepted,
            )
        if "starts_at" in changes or "ends_at" in changes:
            for application in stop.applications.accepted().select_related("cooperative"):
                _ensure_no_overlap(application.cooperative, stop, field="starts_at")
        stop.save()
        _record(fair=stop.fair, stop=stop, actor=actor, action="stop_updated", changes=changes)
    return stop


def _stop_collection_name(stop):
    day = timezone.localtime(stop.starts_at).date().isoformat()
    return f"{stop.fair.name_fr} — {stop.commune} — {day}"


def stop_publish(*, stop, actor):
    """Publish the stop with a collection pre-filled with what accepted cooperatives bring."""
    access.ensure_fair_staff(actor)
    with transaction.atomic():
        stop = FairStop.objects.select_for_update().select_related("fair").get(pk=stop.pk)
        if not stop.can_transition_to(StopStatus.PUBLISHED) or stop.fair.status == (
            FairStatus.ARCHIVED
        ):
            raise _transition_error(
                _("A stop"), stop.get_status_display(), StopStatus.PUBLISHED.label
            )
        if stop.collection is None:
            product_ids = list(
                FairApplication.products.through.objects.filter(
                    fairapplication__stop=stop,
                    fairapplication__status=ApplicationStatus.ACCEPTED,
                )
                .order_by("fairapplication__created_at", "fairapplication_id", "pk")
                .values_list("product_id", flat=True)
            )
            stop.collection = saleor_collections.stop_collection_create(
                name=_stop_collection_name(stop), product_ids=product_ids
            )
        saleor_collections.collection_set_published(stop.collection, stop.fair.is_published)
        stop.status = StopStatus.PUBLISHED
        stop.published_at = timezone.now()
        stop.save(update_fields=["status", "published_at", "collection", "updated_at"])
        _record(
            fair=stop.fair,
            stop=stop,
            actor=actor,
            action="stop_published",
            from_status=StopStatus.PLANNED,
            to_status=StopStatus.PUBLISHED,
        )
    return stop


def stop_cancel(*, stop, actor, reason):
    """Cancel a stop, tell its accepted cooperatives, and let pickup orders be moved.

    ``stop_cancelled`` is sent once the cancellation is committed: the pickup
    side moves each order to be collected there to home delivery or a refund.
    """
    access.ensure_fair_staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise _error("reason", _("Say why the stop is cancelled."), FairErrorCode.REQUIRED)
    with transaction.atomic():
        stop = FairStop.objects.select_for_update().select_related("fair").get(pk=stop.pk)
        if not stop.can_transition_to(StopStatus.CANCELLED):
            raise _transition_error(
                _("A stop"), stop.get_status_display(), StopStatus.CANCELLED.label
            )
        from_status = stop.status
        stop.status = StopStatus.CANCELLED
        stop.cancelled_at = timezone.now()
        stop.cancellation_reason = reason
        stop.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
        if stop.collection is not None:
            saleor_collections.collection_set_published(stop.collection, False)
        _record(
            fair=stop.fair,
            stop=stop,
            actor=actor,
            action="stop_cancelled",
            from_status=from_status,
            to_status=StopStatus.CANCELLED,
            reason=reason,
        )
        for application in stop.applications.accepted().select_related("cooperative"):
            send_cooperative_email(
                cooperative=application.cooperative,
                template="fairs/emails/stop_cancelled",
                context={"stop": stop, "reason": reason},
            )
        transaction.on_commit(lambda: stop_cancelled.send(sender=FairStop, stop=stop))
    return stop


def stop_complete(*, stop, actor):
    """Mark a published stop as held, once it has closed."""
    access.ensure_fair_staff(actor)
    with transaction.atomic():
        stop = FairStop.objects.select_for_update().select_related("fair").get(pk=stop.pk)
        if not stop.can_transition_to(StopStatus.DONE) or stop.ends_at > timezone.now():
            raise _transition_error(_("A stop"), stop.get_status_display(), StopStatus.DONE.label)
        stop.status = StopStatus.DONE
        stop.save(update_fields=["status", "updated_at"])
        _record(
            fair=stop.fair,
            stop=stop,
            actor=actor,
            action="stop_done",
            from_status=StopStatus.PUBLISHED,
            to_status=StopStatus.DONE,
        )
    return stop


# Applications


def _products_of(cooperative, product_ids):
    product_ids = list(dict.fromkeys(int(pk) for pk in product_ids))
    if not product_ids:
        raise _error(
            "products",
            _("Choose at least one product you will bring."),
            FairErrorCode.REQUIRED,
        )
    owned = list(saleor_collections.products_of_cooperative(cooperative, product_ids))
    if len(owned) != len(product_ids):
        raise _error(
            "products",
            _("You can only bring your own cooperative's products."),
            FairErrorCode.PRODUCT_NOT_OWNED,
        )
    return owned


def application_create(*, stop, cooperative, actor, product_ids, needs=""):
    """A cooperative applies for a stand at ``stop`` with the products it will bring."""
    access.ensure_acts_for(actor, cooperative)
    needs = (needs or "").strip()
    if len(needs) > NEEDS_MAX_LENGTH:
        raise _error(
            "needs",
            _("Keep your needs under %(max)s characters."),
            FairErrorCode.INVALID,
            max=NEEDS_MAX_LENGTH,
        )
    if not cooperative.is_approved:
        raise _error(
            "cooperative",
            _("Only approved cooperatives can apply for a stand."),
            FairErrorCode.NOT_APPROVED,
        )
    products = _products_of(cooperative, product_ids)
    now = timezone.now()
    try:
        with transaction.atomic():
            stop = FairStop.objects.select_for_update().select_related("fair").get(pk=stop.pk)
            if stop.status not in (StopStatus.PLANNED, StopStatus.PUBLISHED) or (
                stop.fair.status == FairStatus.ARCHIVED
            ):
                raise _error(
                    "stop",
                    _("This stop does not take applications."),
                    FairErrorCode.STOP_NOT_OPEN,
                )
            if stop.application_deadline <= now:
                raise _error(
                    "stop",
                    _("Applications for this stop closed on %(deadline)s."),
                    FairErrorCode.DEADLINE_PASSED,
                    deadline=timezone.localtime(stop.application_deadline).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                )
            if stop.applications.live().filter(cooperative=cooperative).exists():
                raise _already_applied()
            application = FairApplication.objects.create(
                stop=stop, cooperative=cooperative, needs=needs, applied_by=actor, created_at=now
            )
            application.products.set(products)
            _record(
                fair=stop.fair,
                stop=stop,
                application=application,
                actor=actor,
                action="application_created",
                to_status=ApplicationStatus.PENDING,
            )
    except IntegrityError:
        raise _already_applied()
    return application


def _already_applied():
    return _error(
        "stop",
        _("Your cooperative has already applied to this stop."),
        FairErrorCode.ALREADY_APPLIED,
    )


def _lock_application(application):
    """Lock the stop, then the application (the order every stand change takes)."""
    stop = FairStop.objects.select_for_update().select_related("fair").get(pk=application.stop_id)
    locked = FairApplication.objects.select_for_update().get(pk=application.pk)
    locked.stop = stop
    return locked


def _ensure_no_overlap(cooperative, stop, *, field="decision"):
    """Refuse a second stand for ``cooperative`` at a stop whose times overlap ``stop``'s.

    Locks the cooperative's row first, so that two acceptances of the same
    cooperative at different stops are decided one after the other.
    """
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
    clash = (
        FairApplication.objects.accepted()
        .filter(cooperative=cooperative)
        .exclude(stop=stop)
        .exclude(stop__status=StopStatus.CANCELLED)
        .filter(stop__starts_at__lt=stop.ends_at, stop__ends_at__gt=stop.starts_at)
        .select_related("stop")
        .first()
    )
    if clash is not None:
        raise _error(
            field,
            _("%(cooperative)s already has a stand at %(stop)s at the same time."),
            FairErrorCode.OVERLAPPING_STOP,
            cooperative=cooperative.name,
            stop=clash.stop.commune,
        )


def _accept(application, *, actor, reason, action="application_accepted"):
    stop = application.stop
    taken = stop.applications.accepted().exclude(pk=application.pk).count()
    if taken >= stop.stand_capacity:
        raise _error(
            "decision",
            _("All %(capacity)s stands of this stop are taken."),
            FairErrorCode.CAPACITY_REACHED,
            capacity=stop.stand_capacity,
        )
    _ensure_no_overlap(application.cooperative, stop)
    _set_status(application, ApplicationStatus.ACCEPTED, actor=actor, reason=reason, action=action)
    if stop.collection_id:
        saleor_collections.collection_add_products(
            stop.collection, [product.pk for product in application.products.all()]
        )


def _set_status(application, status, *, actor, reason, action):
    from_status = application.status
    now = timezone.now()
    application.status = status
    if status == ApplicationStatus.WITHDRAWN:
        application.withdrawn_at = now
    else:
        application.decided_by = actor
        application.decided_at = now
        application.decision_reason = reason
    if status == ApplicationStatus.WAITLISTED and application.waitlisted_at is None:
        application.waitlisted_at = now
    application.save()
    _record(
        fair=application.stop.fair,
        stop=application.stop,
        application=application,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=status,
        reason=reason,
    )


def _release_stand(application):
    """Take a leaving cooperative's products out of the stop's collection."""
    stop = application.stop
    if stop.collection_id:
        saleor_collections.collection_remove_products(
            stop.collection, [product.pk for product in application.products.all()]
        )


def _offer_freed_stand(stop, *, actor):
    """Give a freed stand to the first waitlisted cooperative that can take it, and tell it."""
    if stop.status not in (StopStatus.PLANNED, StopStatus.PUBLISHED):
        return None
    for suggestion in waitlist_in_suggested_order(stop):
        candidate = FairApplication.objects.select_for_update().get(pk=suggestion.application.pk)
        candidate.stop = stop
        try:
            with transaction.atomic():
                _accept(
                    candidate,
                    actor=actor,
                    reason=str(_("A stand was freed; first on the waitlist.")),
                    action="application_promoted",
                )
        except ValidationError:
            continue
        send_cooperative_email(
            cooperative=candidate.cooperative,
            template="fairs/emails/application_promoted",
            context={"stop": stop},
        )
        return candidate
    return None


def application_withdraw(*, application, actor, reason=""):
    """The cooperative withdraws; a stand it held goes to the waitlist, in order."""
    access.ensure_acts_for(actor, application.cooperative)
    with transaction.atomic():
        application = _lock_application(application)
        if not application.can_transition_to(ApplicationStatus.WITHDRAWN):
            raise _transition_error(
                _("An application"),
                application.get_status_display(),
                ApplicationStatus.WITHDRAWN.label,
            )
        held_stand = application.status == ApplicationStatus.ACCEPTED
        _set_status(
            application,
            ApplicationStatus.WITHDRAWN,
            actor=actor,
            reason=(reason or "").strip(),
            action="application_withdrawn",
        )
        if held_stand:
            _release_stand(application)
            _offer_freed_stand(application.stop, actor=actor)
    return application


DECISION_EMAIL = {
    Decision.ACCEPT: "fairs/emails/application_accepted",
    Decision.WAITLIST: "fairs/emails/application_waitlisted",
    Decision.REJECT: "fairs/emails/application_rejected",
}


def application_decide(*, application, actor, decision, reason=""):
    """Staff accept, waitlist or reject an application, never beyond the stop's stands."""
    access.ensure_fair_staff(actor)
    if decision not in Decision.STATUS:
        raise _error("decision", _("Unknown decision."), FairErrorCode.INVALID)
    status = Decision.STATUS[decision]
    reason = (reason or "").strip()
    with transaction.atomic():
        application = _lock_application(application)
        stop = application.stop
        if stop.status not in (StopStatus.PLANNED, StopStatus.PUBLISHED) or not (
            application.can_transition_to(status)
        ):
            raise _transition_error(
                _("An application"), application.get_status_display(), status.label
            )
        held_stand = application.status == ApplicationStatus.ACCEPTED
        if status == ApplicationStatus.ACCEPTED:
            _accept(application, actor=actor, reason=reason)
        else:
            _set_status(
                application, status, actor=actor, reason=reason, action=f"application_{status}"
            )
        if held_stand:
            _release_stand(application)
            _offer_freed_stand(stop, actor=actor)
        send_cooperative_email(
            cooperative=application.cooperative,
            template=DECISION_EMAIL[decision],
            context={"stop": stop, "reason": reason},
        )
    return application


# Fair collections


def fair_collection_update(*, stop, actor, add_product_ids=(), remove_product_ids=()):
    """Staff curate a published stop's collection: only exhibitors' products may be in it."""
    access.ensure_fair_staff(actor)
    with transaction.atomic():
        stop = FairStop.objects.select_for_update().select_related("fair").get(pk=stop.pk)
        if stop.collection_id is None or stop.status != StopStatus.PUBLISHED:
            raise _error(
                "stop",
                _("Only a published stop has a collection to curate."),
                FairErrorCode.NO_COLLECTION,
            )
        add_ids = list(dict.fromkeys(int(pk) for pk in add_product_ids))
        exhibitors = stop.applications.accepted().values("cooperative")
        allowed = set(
            saleor_collections.products_by_ids(add_ids)
            .filter(cooperative_link__cooperative__in=exhibitors)
            .values_list("pk", flat=True)
        )
        refused = [pk for pk in add_ids if pk not in allowed]
        if refused:
            raise _error(
                "add_products",
                _("Only products of the cooperatives exhibiting at this stop can be added."),
                FairErrorCode.PRODUCT_NOT_EXHIBITED,
            )
        remove_ids = [int(pk) for pk in remove_product_ids]
        saleor_collections.collection_add_products(stop.collection, add_ids)
        saleor_collections.collection_remove_products(stop.collection, remove_ids)
        _record(
            fair=stop.fair,
            stop=stop,
            actor=actor,
            action="collection_updated",
            changes={"added": add_ids, "removed": remove_ids},
        )
    return stop
