import graphene
from django.conf import settings

import marketplace


class Marketplace(graphene.ObjectType):
    version = graphene.String(required=True, description="Version of the marketplace.")
    features = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Capabilities this deployment has switched on.",
    )
    default_currency = graphene.String(required=True)
    languages = graphene.List(graphene.NonNull(graphene.String), required=True)

    class Meta:
        description = "The Fès–Meknès terroir marketplace running on this server."

    @staticmethod
    def resolve_version(_root, _info):
        return marketplace.__version__

    @staticmethod
    def resolve_features(_root, _info):
        return settings.MARKETPLACE_FEATURES

    @staticmethod
    def resolve_default_currency(_root, _info):
        return settings.DEFAULT_CURRENCY

    @staticmethod
    def resolve_languages(_root, _info):
        return [code for code, _name in settings.LANGUAGES]


class CoreQueries(graphene.ObjectType):
    marketplace = graphene.Field(
        Marketplace, required=True, description="About this marketplace."
    )

    @staticmethod
    def resolve_marketplace(_root, _info):
        return Marketplace()
