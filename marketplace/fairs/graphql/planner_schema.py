"""The season planner over GraphQL: `fairSeasonPlan` returns a proposal, changing nothing."""

import graphene

from ..errors import FairErrorCode
from ..permissions import FairPermissions
from ..planner import PlannerErrorCode, UnmetCode, province_name
from ..planner_services import season_plan_propose
from .errors import FairError, FairMutation
from .schema import FairProvinceEnum

FairWeekdayEnum = graphene.Enum(
    "FairWeekday",
    [
        ("MONDAY", 0),
        ("TUESDAY", 1),
        ("WEDNESDAY", 2),
        ("THURSDAY", 3),
        ("FRIDAY", 4),
        ("SATURDAY", 5),
        ("SUNDAY", 6),
    ],
)
FairPlanUnmetCodeEnum = graphene.Enum.from_enum(
    UnmetCode, description="A constraint the planner could not meet."
)

# The planner's input codes, as the fairs domain names them.
PLANNER_CODES = {
    PlannerErrorCode.INVALID_DATE_RANGE.value: FairErrorCode.INVALID_DATES.value,
}


class FairSeasonPlanInput(graphene.InputObjectType):
    date_from = graphene.Date(required=True, description="First day a stop may be held.")
    date_to = graphene.Date(required=True, description="Last day a stop may be held.")
    provinces = graphene.List(
        graphene.NonNull(FairProvinceEnum), required=True, description="Provinces to reach."
    )
    weekdays = graphene.List(
        graphene.NonNull(FairWeekdayEnum), required=True, description="Days a stop may be held."
    )
    blackout_dates = graphene.List(
        graphene.NonNull(graphene.Date), description="Days no stop may be held (holidays…)."
    )
    teams = graphene.Int(required=True, description="Teams (trucks) touring at once.")
    min_days_between = graphene.Int(
        required=True,
        description="Days from one stop of a team to its next (1: the next day is allowed).",
    )
    stops_wanted = graphene.Int(required=True, description="How many stops to plan.")


class FairPlannedStop(graphene.ObjectType):
    date = graphene.Date(required=True)
    team = graphene.Int(required=True, description="The team (truck), from 1.")
    province = FairProvinceEnum(required=True)
    province_name = graphene.String(required=True)
    explanation = graphene.String(required=True, description="Why this province, this day.")

    @staticmethod
    def resolve_province_name(root, _info):
        return province_name(root.province)


class FairPlanUnmet(graphene.ObjectType):
    code = FairPlanUnmetCodeEnum(required=True)
    message = graphene.String(required=True)
    provinces = graphene.List(
        graphene.NonNull(FairProvinceEnum), required=True, description="Provinces not reached."
    )


class FairSeasonProposal(graphene.ObjectType):
    stops = graphene.List(graphene.NonNull(FairPlannedStop), required=True)
    unmet = graphene.List(
        graphene.NonNull(FairPlanUnmet),
        required=True,
        description="The constraints the proposal could not meet (empty when all are met).",
    )


class FairSeasonPlan(FairMutation):
    proposal = graphene.Field(FairSeasonProposal)

    class Arguments:
        input = FairSeasonPlanInput(required=True)

    class Meta:
        description = (
            "Propose a season of stops: every chosen province reached when it fits, the least "
            "served (fewest stops and sales in the last twelve months) first, short drives "
            "between a team's stops; each stop explained, unmet constraints named. The same "
            "input gives the same plan. Nothing is saved: create the stops you keep with "
            "fairStopCreate (or from the planner page)."
        )
        permissions = (FairPermissions.MANAGE_FAIRS,)
        error_type_class = FairError
        error_type_field = "fair_errors"

    @classmethod
    def handle_errors(cls, error, **extra):
        for items in getattr(error, "error_dict", {}).values():
            for item in items:
                item.code = PLANNER_CODES.get(item.code, item.code)
        return super().handle_errors(error, **extra)

    @classmethod
    def perform_mutation(cls, _root, info, input):
        proposal = season_plan_propose(
            actor=info.context.user,
            date_from=input["date_from"],
            date_to=input["date_to"],
            provinces=[getattr(p, "value", p) for p in input["provinces"]],
            weekdays=[getattr(d, "value", d) for d in input["weekdays"]],
            blackout_dates=input.get("blackout_dates") or (),
            teams=input["teams"],
            min_days_between=input["min_days_between"],
            stops_wanted=input["stops_wanted"],
        )
        return cls(proposal=proposal)


class PlannerMutations(graphene.ObjectType):
    fair_season_plan = FairSeasonPlan.Field()
