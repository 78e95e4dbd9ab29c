"""Council review over GraphQL: decisions, suspension, and the checks on an application."""

import graphene
from saleor.graphql.core.fields import BaseConnectionField
from saleor.graphql.decorators import permission_required

from ..permissions import CooperativePermissions
from ..selectors.review import review_checks, review_queue
from ..services.review import (
    ReviewDecision,
    cooperative_reinstate,
    cooperative_review,
    cooperative_suspend,
)
from .connections import queryset_connection
from .errors import CooperativeError, CooperativeMutation, cooperative_errors  # noqa: F401
from .types import PRIVATE_PREFETCH, Cooperative, CooperativeStatusEnum

CooperativeReviewDecisionEnum = graphene.Enum(
    "CooperativeReviewDecision",
    [
        ("APPROVE", ReviewDecision.APPROVE),
        ("REJECT", ReviewDecision.REJECT),
        ("REQUEST_CHANGES", ReviewDecision.REQUEST_CHANGES),
    ],
)

class ReviewMutation(CooperativeMutation):
    cooperative = graphene.Field(Cooperative, description="The cooperative after the decision.")

    class Meta:
        abstract = True


class CooperativeReview(ReviewMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the cooperative to review.")
        decision = CooperativeReviewDecisionEnum(required=True, description="The decision.")
        reason = graphene.String(
            description="Why; required to reject, and to request changes without comments."
        )
        field_comments = graphene.JSONString(
            description=(
                'Comments per application field or document, e.g. {"ice": "…", '
                '"document:statutes": "…"}; for a change request.'
            )
        )

    class Meta:
        description = "Approve, reject or request changes to a submitted application."
        permissions = (CooperativePermissions.MANAGE_COOPERATIVES,)
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(info, data["id"], only_type=Cooperative)
        cooperative = cooperative_review(
            cooperative=cooperative,
            reviewer=info.context.user,
            decision=data["decision"],
            reason=data.get("reason") or "",
            field_comments=data.get("field_comments"),
        )
        return cls(cooperative=cooperative)


class CooperativeSuspend(ReviewMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the approved cooperative.")
        reason = graphene.String(required=True, description="Why it is suspended.")

    class Meta:
        description = "Suspend an approved cooperative: its shop disappears from the storefront."
        permissions = (CooperativePermissions.MANAGE_COOPERATIVES,)
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(info, data["id"], only_type=Cooperative)
        cooperative = cooperative_suspend(
            cooperative=cooperative, reviewer=info.context.user, reason=data.get("reason") or ""
        )
        return cls(cooperative=cooperative)


class CooperativeReinstate(ReviewMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the suspended cooperative.")
        reason = graphene.String(description="An optional note to the cooperative.")

    class Meta:
        description = "Let a suspended cooperative sell again."
        permissions = (CooperativePermissions.MANAGE_COOPERATIVES,)
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(info, data["id"], only_type=Cooperative)
        cooperative = cooperative_reinstate(
            cooperative=cooperative, reviewer=info.context.user, reason=data.get("reason") or ""
        )
        return cls(cooperative=cooperative)


class CooperativeReviewCheck(graphene.ObjectType):
    code = graphene.String(required=True, description="What is checked, e.g. ice_unique.")
    passed = graphene.Boolean(required=True)
    message = graphene.String(required=True, description="The check, in the request's language.")

    class Meta:
        description = "One automatic check a reviewer sees on an application."


class ReviewQueries(graphene.ObjectType):
    cooperative_review_queue = BaseConnectionField(
        Cooperative._meta.connection,
        status=CooperativeStatusEnum(
            description="Only this status; by default, the applications still in review."
        ),
        province=graphene.String(description="Only this province (its code, e.g. taza)."),
        description=(
            "Applications for council reviewers: submitted first, the longest waiting first, "
            "then those awaiting the cooperative's changes."
        ),
    )
    cooperative_review_checks = graphene.List(
        graphene.NonNull(CooperativeReviewCheck),
        id=graphene.Argument(graphene.ID, required=True, description="ID of the cooperative."),
        description="Checks on a cooperative's application (council reviewers only).",
    )

    @permission_required(CooperativePermissions.MANAGE_COOPERATIVES)
    def resolve_cooperative_review_queue(self, _info, status=None, province=None, **args):
        # The type's private lists read `.all()`: the page's own prefetches replace the queue's.
        queue = review_queue(status=status, province=province)
        return queryset_connection(
            queue.prefetch_related(None).prefetch_related(*PRIVATE_PREFETCH),
            args,
            Cooperative._meta.connection,
        )

    @permission_required(CooperativePermissions.MANAGE_COOPERATIVES)
    def resolve_cooperative_review_checks(self, info, id):
        cooperative = graphene.Node.get_node_from_global_id(info, id, Cooperative)
        if cooperative is None:
            return None
        return review_checks(cooperative)


class ReviewMutations(graphene.ObjectType):
    cooperative_review = CooperativeReview.Field()
    cooperative_suspend = CooperativeSuspend.Field()
    cooperative_reinstate = CooperativeReinstate.Field()
