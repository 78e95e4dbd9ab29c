"""Fairs over GraphQL: queries for everyone, mutations for staff and cooperatives.

Staff mutations need ``manage_fairs``; a cooperative's members apply and
withdraw for their own cooperative only (checked in the services).
"""

import graphene
from django.db.models import Prefetch
from saleor.graphql.core.fields import BaseConnectionField

from marketplace.cooperatives.graphql.connections import queryset_connection
from marketplace.cooperatives.models import Cooperative as CooperativeModel
from marketplace.core.regions import Province

from .. import access, models, selectors, services
from ..permissions import FairPermissions
from ..selectors import accepted_prefetch
from .errors import FairError, FairMutation
from .types import Fair, FairApplication, FairKindEnum, FairStop

FairProvinceEnum = graphene.Enum.from_enum(Province, description="A province of the region.")
FairApplicationDecisionEnum = graphene.Enum(
    "FairApplicationDecision",
    [("ACCEPT", "accept"), ("WAITLIST", "waitlist"), ("REJECT", "reject")],
)


class FairStopFilterInput(graphene.InputObjectType):
    province = FairProvinceEnum(description="Only stops in this province.")
    date_from = graphene.Date(description="Stops still open on or after this day (local).")
    date_to = graphene.Date(description="Stops opening on or before this day (local).")
    fair = graphene.String(description="Only stops of the fair with this slug.")


def _stops_prepare(rows):
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(rows, accepted_prefetch())


class FairQueries(graphene.ObjectType):
    fairs = BaseConnectionField(
        Fair._meta.connection,
        description="Published fairs, soonest season first (every fair for staff).",
    )
    fair = graphene.Field(
        Fair,
        slug=graphene.String(required=True, description="Slug of the fair."),
        description="One fair by slug (published ones unless you plan fairs).",
    )
    fair_stops = BaseConnectionField(
        FairStop._meta.connection,
        filter=FairStopFilterInput(description="Filtering options for stops."),
        description=(
            "Stops, soonest first: published ones of published fairs for the public; "
            "approved cooperatives also see the stops taking applications; staff see all."
        ),
    )
    fair_stop = graphene.Field(
        FairStop,
        id=graphene.ID(required=True, description="ID of the stop."),
        description="One stop, under the same visibility as fairStops.",
    )
    fair_applications = BaseConnectionField(
        FairApplication._meta.connection,
        stop=graphene.ID(description="Only applications to this stop."),
        cooperative=graphene.ID(description="Only this cooperative's applications."),
        description=(
            "Applications: every one for staff who plan fairs, your cooperatives' own for "
            "members, none for anyone else."
        ),
    )

    @staticmethod
    def resolve_fairs(_root, info, **args):
        fairs = selectors.fairs_visible_to(info.context.user).order_by("season_start", "pk")
        return queryset_connection(fairs, args, Fair._meta.connection)

    @staticmethod
    def resolve_fair(_root, info, slug):
        return selectors.fairs_visible_to(info.context.user).filter(slug=slug).first()

    @staticmethod
    def resolve_fair_stops(_root, info, filter=None, **args):
        filter = filter or {}
        stops = selectors.stops_visible_to(info.context.user).select_related("fair")
        if filter.get("province"):
            stops = stops.in_province(filter["province"])
        if filter.get("fair"):
            stops = stops.filter(fair__slug=filter["fair"])
        if filter.get("date_from"):
            stops = stops.filter(ends_at__gt=selectors._day_start(filter["date_from"]))
        if filter.get("date_to"):
            stops = stops.filter(
                starts_at__lt=selectors._day_start(filter["date_to"])
                + selectors.datetime.timedelta(days=1)
            )
        return queryset_connection(
            stops.order_by("starts_at", "pk"),
            args,
            FairStop._meta.connection,
            prepare=_stops_prepare,
        )

    @staticmethod
    def resolve_fair_stop(_root, info, id):
        return graphene.Node.get_node_from_global_id(info, id, FairStop)

    @staticmethod
    def resolve_fair_applications(_root, info, stop=None, cooperative=None, **args):
        applications = access.applications_visible_to(
            info.context.user, models.FairApplication.objects.all()
        )
        for value, type_name, lookup in (
            (stop, "FairStop", "stop_id"),
            (cooperative, "Cooperative", "cooperative_id"),
        ):
            if value is None:
                continue
            try:
                found_type, pk = graphene.Node.from_global_id(value)
                pk = int(pk) if found_type == type_name else None
            except (TypeError, ValueError, UnicodeDecodeError):
                pk = None
            applications = applications.filter(**{lookup: pk}) if pk else applications.none()
        applications = applications.select_related("stop__fair", "cooperative").prefetch_related(
            Prefetch("products")
        )
        return queryset_connection(
            applications.order_by("stop__starts_at", "created_at", "pk"),
            args,
            FairApplication._meta.connection,
        )


# Mutations


class FairInput(graphene.InputObjectType):
    slug = graphene.String(description="Address of the fair's page, e.g. tournee-automne-2026.")
    kind = FairKindEnum(description="A one-off regional fair or a mobile-market tour.")
    name_fr = graphene.String()
    name_ar = graphene.String()
    name_en = graphene.String()
    description_fr = graphene.String()
    description_ar = graphene.String()
    description_en = graphene.String()
    season_start = graphene.Date(description="First day of the season.")
    season_end = graphene.Date(description="Last day of the season.")


class FairStopInput(graphene.InputObjectType):
    province = FairProvinceEnum()
    commune = graphene.String()
    venue = graphene.String()
    latitude = graphene.Float()
    longitude = graphene.Float()
    starts_at = graphene.DateTime(description="Opening, with its offset.")
    ends_at = graphene.DateTime(description="Closing.")
    stand_capacity = graphene.Int(description="Number of stands.")
    application_deadline = graphene.DateTime(description="Applications close at this moment.")
    pickup_offered = graphene.Boolean(description="Online orders may be collected there.")
    pickup_cutoff_hours = graphene.Int(description="Pickup closes this many hours before.")
    team = graphene.Int(description="The tour's team (truck) running the stop.")
    internal_notes = graphene.String(description="Staff notes, never shown outside.")


def _clean_input(data):
    from decimal import Decimal

    cleaned = {}
    for key, value in dict(data).items():
        if hasattr(value, "value"):
            value = value.value
        if key in ("latitude", "longitude") and value is not None:
            value = Decimal(str(round(value, 6)))
        if value is None and key in ("team",):
            cleaned[key] = None
            continue
        if value is None:
            continue
        cleaned[key] = value
    return cleaned


class FairStaffMutation(FairMutation):
    fair = graphene.Field(Fair)

    class Meta:
        abstract = True


def _fair_by_id(cls, global_id, field="id"):
    return cls.node_or_error(global_id, models.Fair, "Fair", field=field)


def _stop_by_id(cls, global_id, field="id"):
    return cls.node_or_error(global_id, models.FairStop, "FairStop", field=field)


class FairCreate(FairStaffMutation):
    class Arguments:
        input = FairInput(required=True, description="The fair.")

    class Meta:
        description = "Create a fair (a draft)."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, input):
        fair = services.fair_create(actor=info.context.user, data=_clean_input(input))
        return cls(fair=fair)


class FairUpdate(FairStaffMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the fair.")
        input = FairInput(required=True, description="The fields to change.")

    class Meta:
        description = "Change a fair's names, description or season."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        fair = services.fair_update(
            fair=_fair_by_id(cls, id), actor=info.context.user, data=_clean_input(input)
        )
        return cls(fair=fair)


class FairPublish(FairStaffMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the fair.")

    class Meta:
        description = "Publish a fair: it and its published stops appear on the storefront."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id):
        return cls(fair=services.fair_publish(fair=_fair_by_id(cls, id), actor=info.context.user))


class FairArchive(FairStaffMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the fair.")
        reason = graphene.String(description="An optional note for the history.")

    class Meta:
        description = "Archive a fair whose season is over: it leaves the storefront."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id, reason=""):
        fair = services.fair_archive(
            fair=_fair_by_id(cls, id), actor=info.context.user, reason=reason or ""
        )
        return cls(fair=fair)


class FairStopMutation(FairMutation):
    fair_stop = graphene.Field(FairStop)

    class Meta:
        abstract = True


class FairStopCreate(FairStopMutation):
    class Arguments:
        fair = graphene.ID(required=True, description="ID of the fair.")
        input = FairStopInput(required=True, description="The stop.")

    class Meta:
        description = "Add a stop to a fair (planned, not yet public)."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, fair, input):
        stop = services.stop_create(
            fair=_fair_by_id(cls, fair, field="fair"),
            actor=info.context.user,
            data=_clean_input(input),
        )
        return cls(fair_stop=stop)


class FairStopUpdate(FairStopMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the stop.")
        input = FairStopInput(required=True, description="The fields to change.")

    class Meta:
        description = "Change a planned or published stop."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        stop = services.stop_update(
            stop=_stop_by_id(cls, id), actor=info.context.user, data=_clean_input(input)
        )
        return cls(fair_stop=stop)


class FairStopPublish(FairStopMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the stop.")

    class Meta:
        description = (
            "Publish a stop with its collection, pre-filled with the accepted cooperatives' "
            "products."
        )
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id):
        return cls(
            fair_stop=services.stop_publish(stop=_stop_by_id(cls, id), actor=info.context.user)
        )


class FairStopCancel(FairStopMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the stop.")
        reason = graphene.String(required=True, description="Why, told to the exhibitors.")

    class Meta:
        description = (
            "Cancel a stop: its exhibitors are told, its pickup orders are moved to home "
            "delivery or refunded."
        )
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id, reason):
        stop = services.stop_cancel(
            stop=_stop_by_id(cls, id), actor=info.context.user, reason=reason
        )
        return cls(fair_stop=stop)


class FairStopComplete(FairStopMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the stop.")

    class Meta:
        description = "Mark a published stop as held, once it has closed."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id):
        return cls(
            fair_stop=services.stop_complete(stop=_stop_by_id(cls, id), actor=info.context.user)
        )


class FairApplicationMutation(FairMutation):
    fair_application = graphene.Field(FairApplication)

    class Meta:
        abstract = True


class FairApplicationCreate(FairApplicationMutation):
    class Arguments:
        stop = graphene.ID(required=True, description="ID of the stop.")
        cooperative = graphene.ID(required=True, description="ID of your cooperative.")
        products = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="IDs of your products you will bring.",
        )
        needs = graphene.String(description="What you need at your stand.")

    class Meta:
        description = "Apply for a stand at a stop (members of an approved cooperative)."
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, stop, cooperative, products, needs=""):
        cooperative = cls.node_or_error(
            cooperative, CooperativeModel, "Cooperative", field="cooperative"
        )
        access.ensure_acts_for(info.context.user, cooperative)
        stop = cls.node_or_error(
            stop,
            models.FairStop,
            "FairStop",
            field="stop",
            queryset=selectors.stops_visible_to(info.context.user),
        )
        application = services.application_create(
            stop=stop,
            cooperative=cooperative,
            actor=info.context.user,
            product_ids=cls.product_pks(products, field="products"),
            needs=needs or "",
        )
        return cls(fair_application=application)


def _application_by_id(cls, info, global_id):
    return cls.node_or_error(
        global_id,
        models.FairApplication,
        "FairApplication",
        queryset=access.applications_visible_to(
            info.context.user, models.FairApplication.objects.all()
        ),
    )


class FairApplicationWithdraw(FairApplicationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the application.")
        reason = graphene.String(description="Why, for the council.")

    class Meta:
        description = "Withdraw your application; a stand you held goes to the waitlist."
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id, reason=""):
        application = services.application_withdraw(
            application=_application_by_id(cls, info, id),
            actor=info.context.user,
            reason=reason or "",
        )
        return cls(fair_application=application)


class FairApplicationDecide(FairApplicationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the application.")
        decision = FairApplicationDecisionEnum(required=True, description="The decision.")
        reason = graphene.String(description="A note to the cooperative.")

    class Meta:
        description = "Accept, waitlist or reject an application, never beyond the stands."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, id, decision, reason=""):
        application = services.application_decide(
            application=_application_by_id(cls, info, id),
            actor=info.context.user,
            decision=getattr(decision, "value", decision),
            reason=reason or "",
        )
        return cls(fair_application=application)


class FairCollectionUpdate(FairStopMutation):
    class Arguments:
        stop = graphene.ID(required=True, description="ID of the published stop.")
        add_products = graphene.List(
            graphene.NonNull(graphene.ID), description="Products to add (of its exhibitors)."
        )
        remove_products = graphene.List(
            graphene.NonNull(graphene.ID), description="Products to take out."
        )

    class Meta:
        description = "Curate a published stop's collection."
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def perform_mutation(cls, _root, info, stop, add_products=None, remove_products=None):
        stop = services.fair_collection_update(
            stop=_stop_by_id(cls, stop, field="stop"),
            actor=info.context.user,
            add_product_ids=cls.product_pks(add_products, field="add_products"),
            remove_product_ids=cls.product_pks(remove_products, field="remove_products"),
        )
        return cls(fair_stop=stop)


class FairMutations(graphene.ObjectType):
    fair_create = FairCreate.Field()
    fair_update = FairUpdate.Field()
    fair_publish = FairPublish.Field()
    fair_archive = FairArchive.Field()
    fair_stop_create = FairStopCreate.Field()
    fair_stop_update = FairStopUpdate.Field()
    fair_stop_publish = FairStopPublish.Field()
    fair_stop_complete = FairStopComplete.Field()
    fair_stop_cancel = FairStopCancel.Field()
    fair_application_create = FairApplicationCreate.Field()
    fair_application_withdraw = FairApplicationWithdraw.Field()
    fair_application_decide = FairApplicationDecide.Field()
    fair_collection_update = FairCollectionUpdate.Field()
