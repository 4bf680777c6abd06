from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    """Chinese unless the user chose otherwise.

    The language is the one picked with the switcher (cookie), else the one saved on the
    user, else LANGUAGE_CODE. The browser's Accept-Language is ignored on purpose: many
    office PCs run English-language browsers, and the bureau wants its Chinese interface
    unless a person asks for English. Runs after AuthenticationMiddleware.
    """

    def process_request(self, request):
        available = dict(settings.LANGUAGES)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in available:
            user = getattr(request, "user", None)
            language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language not in available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
