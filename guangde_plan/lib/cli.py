"""Helpers for management commands."""

import argparse

from django.utils.translation import gettext as _

from .dates import parse_iso_date


def date_argument(value: str):
    """argparse type: a malformed date is a usage error (exit code 2), as for any option."""
    try:
        return parse_iso_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“%(value)s” is not a date written YYYY-MM-DD.") % {"value": value}
        ) from None


def plain_number(value) -> str:
    """A figure for a plain-text table: no trailing zeros, "-" for none."""
    if value is None:
        return "-"
    return f"{value:.2f}".rstrip("0").rstrip(".")
