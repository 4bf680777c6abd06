"""Unsubscribe links that work without logging in: the recipient's key, signed.

The signature (HMAC of SECRET_KEY with a salt of its own, so no other signed value of the
app can pass for one) is the only credential; it never expires, since an email is read or
found again weeks later. A new SECRET_KEY voids the links of earlier emails (the page then
says the link is not valid; the preferences page still works).
"""

import re

from django.core import signing

from .items import absolute_url

SALT = "guangde_plan.reminders.unsubscribe"
_KEY = re.compile(r"(user|department):[0-9]{1,18}")


def unsubscribe_token(recipient_key: str) -> str:
    return signing.Signer(salt=SALT).sign(recipient_key)


def recipient_key_from(token: str) -> str | None:
    """The recipient key a token was made for; None for anything forged or damaged."""
    try:
        key = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return key if _KEY.fullmatch(key) else None


def unsubscribe_url(recipient_key: str) -> str:
    return absolute_url("reminder_unsubscribe", unsubscribe_token(recipient_key))
