"""The Content-Security-Policy header of our pages (CONTENT_SECURITY_POLICY)."""

from django.conf import settings


def csp_allow(response, sources):
    """Let this one answer load from more origins, e.g. ``{"script-src": ["https://js.stripe.com"]}``.

    Every other page keeps the site's policy: a third party's script runs
    only where it is needed.
    """
    response.csp_sources = sources
    return response


def policy_with(policy, sources):
    """``policy`` with ``sources`` added to its directives; a directive it lacks starts
    from what ``default-src`` allowed, as the browser would have fallen back to it."""
    directives = [part.split() for part in policy.split(";") if part.strip()]
    default = next((values for name, *values in directives if name == "default-src"), [])
    extended = []
    for name, *values in directives:
        extended.append([name, *values, *(s for s in sources.get(name, ()) if s not in values)])
    present = {name for name, *_values in directives}
    for name, added in sources.items():
        if name not in present:
            extended.append([name, *default, *(s for s in added if s not in default)])
    return "; ".join(" ".join(parts) for parts in extended)


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
            sources = getattr(response, "csp_sources", None)
            response["Content-Security-Policy"] = (
                policy_with(policy, sources) if sources else policy
            )
        return response
