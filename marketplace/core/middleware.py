from django.utils import translation

API_PATH = "/graphql/"


class ApiLanguageMiddleware:
    """Answer the API in the language its client asks for.

    ``/graphql/`` sits outside the language-prefixed URLs, where Django's
    LocaleMiddleware always picks the default language (French): an Arabic
    client would read every error in French. Here the ``Accept-Language``
    header (or the language cookie) decides, as it does for any page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PATH):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.setdefault("Content-Language", language)
        return response
