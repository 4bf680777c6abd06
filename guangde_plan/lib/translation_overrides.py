"""Messages of Django and of libraries whose Chinese translation we replace or supply.

Listed here so that `makemessages` puts them in our catalogue (LOCALE_PATHS wins over the
libraries' own). Nothing imports this module at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

OVERRIDES = [
    # Django's zh_Hans reads 不允许是用空字符串 (a typo, and "empty string" is wrong).
    gettext_noop("Null characters are not allowed."),
    # django-axes ships no Chinese; its admin is where administrators unlock users.
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Clean up expired attempts"),
    # Django 5.2.19 asks for "%d" but its catalogue only has "%(min_length)d": untranslated.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
]
