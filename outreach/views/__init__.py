"""Views of the science-popularisation pages, one module per kind of record."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from guangde_plan.lib.history import change_history


def render_form(
    request, *, form, heading, list_url, list_heading, cancel_url, record=None, **extra
):
    """Every outreach form page (templates/outreach/record_form.html): breadcrumb, errors,
    the form's rows, Save and Cancel, and the record's change history."""
    return render(
        request,
        "outreach/record_form.html",
        {
            "form": form,
            "record": record,
            "heading": heading,
            "list_url": list_url,
            "list_heading": list_heading,
            "cancel_url": cancel_url,
            "history": change_history(record) if record is not None and record.pk else None,
            **extra,
        },
    )


def saved_message(record) -> str:
    return _("“%(record)s” saved.") % {"record": record}
