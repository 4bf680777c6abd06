"""A built message as an email: subject, plain text and HTML from templates
(templates/emails/reminders/), in the recipient's language (a worker has no request to take
it from), with absolute links and the unsubscribe headers mail clients show as a button."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .build import Message
from .items import absolute_url
from .tokens import unsubscribe_url

TEMPLATES = "emails/reminders/"


def render_email(message: Message, *, connection=None) -> EmailMultiAlternatives:
    recipient = message.recipient
    unsubscribe = unsubscribe_url(recipient.key)
    with translation.override(recipient.language):
        context = {
            "message": message,
            "recipient": recipient,
            "digest": message.digest,
            "groups": message.groups,
            "bureau_name": settings.BUREAU_NAME,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": unsubscribe,
            # Outside contacts have no account, hence no preferences page.
            "preferences_url": absolute_url("reminder_preferences") if recipient.user_id else "",
        }
        subject = " ".join(render_to_string(TEMPLATES + "subject.txt", context).split())
        text = render_to_string(TEMPLATES + "body.txt", context)
        html = render_to_string(TEMPLATES + "body.html", context)
    email = EmailMultiAlternatives(
        subject,
        text,
        to=[recipient.email],
        connection=connection,
        headers={
            # RFC 2369 and RFC 8058: the mail client's own "unsubscribe" button, one click (a
            # POST to the same signed link; a GET only shows the confirmation page).
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: no out-of-office replies to a machine.
            "Auto-Submitted": "auto-generated",
            "Content-Language": recipient.language,
        },
    )
    email.attach_alternative(html, "text/html")
    return email
