"""GraphQL types of fairs.

Shoppers read published fairs and stops: place, dates, exhibitors, what
will be on sale. Applications (with the cooperative's needs) are read only
by the applying cooperative's members and by staff with ``manage_fairs``;
a stop's internal notes only by those staff.
"""

import graphene
from graphene_django import DjangoObjectType
from saleor.graphql.core.connection import CountableConnection

from marketplace.cooperatives.graphql.types import Cooperative

from .. import access, models
from ..selectors import accepted_prefetch, waitlist_in_suggested_order
from .saleor_types import Collection, Product


def _enum(name, choices, description):
    return graphene.Enum(
        name, [(choice.name, choice.value) for choice in choices], description=description
    )


FairKindEnum = _enum("FairKind", models.FairKind, "A fair's kind.")
FairStatusEnum = _enum("FairStatus", models.FairStatus, "A fair's status.")
FairStopStatusEnum = _enum("FairStopStatus", models.StopStatus, "A stop's status.")
FairApplicationStatusEnum = _enum(
    "FairApplicationStatus", models.ApplicationStatus, "An application's status."
)


def _is_staff(info):
    context = info.context
    cached = getattr(context, "_fairs_staff", None)
    if cached is None:
        cached = access.is_fair_staff(context.user)
        context._fairs_staff = cached
    return cached


class Fair(DjangoObjectType):
    kind = FairKindEnum(required=True)
    status = FairStatusEnum(required=True)
    name = graphene.String(required=True, description="Name in the request's language.")
    description = graphene.String(
        required=True, description="Description in the request's language."
    )
    url = graphene.String(required=True, description="The fair's page on the storefront.")
    calendar_url = graphene.String(
        required=True, description="The fair's calendar (ICS) to subscribe to."
    )
    stops = graphene.List(
        graphene.NonNull(lambda: FairStop),
        required=True,
        description="Its stops, soonest first: published ones unless you plan fairs.",
    )

    class Meta:
        model = models.Fair
        description = "A regional fair or a season's mobile-market tour."
        interfaces = [graphene.relay.Node]
        connection_class = CountableConnection
        only_fields = [
            "id",
            "slug",
            "name_fr",
            "name_ar",
            "name_en",
            "description_fr",
            "description_ar",
            "description_en",
            "season_start",
            "season_end",
            "published_at",
        ]

    @classmethod
    def get_queryset(cls, queryset, info):
        from ..selectors import fairs_visible_to

        return queryset & fairs_visible_to(info.context.user)

    @staticmethod
    def resolve_name(root, _info):
        return root.name

    @staticmethod
    def resolve_description(root, _info):
        return root.description

    @staticmethod
    def resolve_url(root, info):
        return info.context.build_absolute_uri(root.get_absolute_url())

    @staticmethod
    def resolve_calendar_url(root, info):
        from django.urls import reverse

        return info.context.build_absolute_uri(
            reverse("fairs:fair-calendar", kwargs={"slug": root.slug})
        )

    @staticmethod
    def resolve_stops(root, info):
        stops = getattr(root, "visible_stops", None)
        if stops is not None:
            return stops
        stops = root.stops.select_related("fair").prefetch_related(accepted_prefetch())
        if not _is_staff(info):
            stops = stops.filter(status=models.StopStatus.PUBLISHED)
        return stops.order_by("starts_at", "pk")


class FairWaitlistEntry(graphene.ObjectType):
    application = graphene.Field(lambda: FairApplication, required=True)
    position = graphene.Int(required=True, description="1 is offered the next free stand.")
    reasons = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Why it stands here, in the request's language.",
    )

    class Meta:
        description = "A waitlisted application in the suggested order, with the reasons."


class FairStop(DjangoObjectType):
    status = FairStopStatusEnum(required=True)
    province = graphene.String(required=True, description="Province code, e.g. taza.")
    province_name = graphene.String(required=True)
    latitude = graphene.Float(required=True)
    longitude = graphene.Float(required=True)
    title = graphene.String(required=True, description="Fair and commune, in the language.")
    url = graphene.String(required=True, description="The stop's page on the storefront.")
    map_url = graphene.String(required=True, description="The place on OpenStreetMap.")
    stands_free = graphene.Int(required=True, description="Stands not yet allocated.")
    exhibitors = graphene.List(
        graphene.NonNull(Cooperative),
        required=True,
        description="Cooperatives accepted at this stop.",
    )
    collection = graphene.Field(
        Collection, description="What will be on sale there (once the stop is published)."
    )
    products = graphene.List(
        graphene.NonNull(Product),
        required=True,
        description="The stop collection's products you may see.",
    )
    internal_notes = graphene.String(description="Staff notes (staff who plan fairs only).")
    applications = graphene.List(
        graphene.NonNull(lambda: FairApplication),
        description=(
            "Applications: all for staff who plan fairs, your cooperatives' own for "
            "members, none for others."
        ),
    )
    waitlist = graphene.List(
        graphene.NonNull(FairWaitlistEntry),
        description="Waitlisted applications in the suggested order (staff who plan fairs).",
    )

    class Meta:
        model = models.FairStop
        description = "One place and time where a fair's stands open."
        interfaces = [graphene.relay.Node]
        connection_class = CountableConnection
        only_fields = [
            "id",
            "fair",
            "commune",
            "venue",
            "starts_at",
            "ends_at",
            "stand_capacity",
            "application_deadline",
            "pickup_offered",
            "pickup_cutoff_hours",
            "team",
            "published_at",
            "cancellation_reason",
        ]

    @classmethod
    def get_queryset(cls, queryset, info):
        from ..selectors import stops_visible_to

        return queryset.filter(pk__in=stops_visible_to(info.context.user).values("pk"))

    @staticmethod
    def resolve_province_name(root, _info):
        return root.province_name

    @staticmethod
    def resolve_latitude(root, _info):
        return float(root.latitude)

    @staticmethod
    def resolve_longitude(root, _info):
        return float(root.longitude)

    @staticmethod
    def resolve_title(root, _info):
        return root.title

    @staticmethod
    def resolve_url(root, info):
        return info.context.build_absolute_uri(root.get_absolute_url())

    @staticmethod
    def resolve_map_url(root, _info):
        return root.map_url

    @staticmethod
    def _accepted(root):
        accepted = getattr(root, "accepted_applications", None)
        if accepted is None:
            accepted = list(root.applications.accepted().select_related("cooperative"))
        return accepted

    @staticmethod
    def resolve_stands_free(root, _info):
        return max(root.stand_capacity - len(FairStop._accepted(root)), 0)

    @staticmethod
    def resolve_exhibitors(root, _info):
        return [application.cooperative for application in FairStop._accepted(root)]

    @staticmethod
    def resolve_collection(root, _info):
        return root.collection

    @staticmethod
    def resolve_products(root, info):
        if root.collection_id is None:
            return []
        from ..saleor_collections import collection_products_for_page

        return collection_products_for_page(root.collection, user=info.context.user)

    @staticmethod
    def resolve_internal_notes(root, info):
        return root.internal_notes if _is_staff(info) else None

    @staticmethod
    def resolve_applications(root, info):
        user = info.context.user
        return access.applications_visible_to(
            user, root.applications.select_related("cooperative")
        ).order_by("created_at", "pk")

    @staticmethod
    def resolve_waitlist(root, info):
        if not _is_staff(info):
            return None
        return [
            FairWaitlistEntry(
                application=suggestion.application,
                position=position,
                reasons=[str(reason) for reason in suggestion.reasons],
            )
            for position, suggestion in enumerate(waitlist_in_suggested_order(root), start=1)
        ]


class FairApplication(DjangoObjectType):
    status = FairApplicationStatusEnum(required=True)
    stop = graphene.Field(FairStop, required=True)
    cooperative = graphene.Field(Cooperative, required=True)
    products = graphene.List(graphene.NonNull(Product), required=True)

    class Meta:
        model = models.FairApplication
        description = (
            "A cooperative's application for a stand (its members and staff who plan fairs)."
        )
        interfaces = [graphene.relay.Node]
        connection_class = CountableConnection
        only_fields = [
            "id",
            "needs",
            "decided_at",
            "decision_reason",
            "waitlisted_at",
            "withdrawn_at",
            "created_at",
        ]

    @classmethod
    def get_queryset(cls, queryset, info):
        return access.applications_visible_to(info.context.user, queryset)

    @staticmethod
    def resolve_stop(root, _info):
        return root.stop

    @staticmethod
    def resolve_cooperative(root, _info):
        return root.cooperative

    @staticmethod
    def resolve_products(root, _info):
        return root.products.all()
