"""The Content-Security-Policy header of our pages (CONTENT_SECURITY_POLICY)."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Adds the site's policy to HTML answers that do not set their own.

    The GraphQL playground loads its scripts from a CDN: it keeps no policy
    when it is enabled (debug only, unless PLAYGROUND_ENABLED says otherwise).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if (
            policy
            and "Content-Security-Policy" not in response
            and not (settings.PLAYGROUND_ENABLED and request.path == "/graphql/")
        ):
            response["Content-Security-Policy"] = policy
        return response
