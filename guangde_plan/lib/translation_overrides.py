"""Messages of Django and of libraries whose Chinese translation we replace or supply.

Listed here so that `makemessages` puts them in our catalogue (LOCALE_PATHS wins over the
libraries' own). Nothing imports this module at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDES = [
    # Django's zh_Hans reads 不允许是用空字符串 (a typo, and "empty string" is wrong).
    gettext_noop("Null characters are not allowed."),
    # Django 5.2.19 asks for "%d" but its catalogue only has "%(min_length)d": untranslated.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
]
