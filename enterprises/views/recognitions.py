"""HTE certificates, tech-SME registrations, and the watch on certificates expiring."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.excel import wants_xlsx, xlsx_response
from guangde_plan.lib.forms import add_conflict_error, save_unless_taken
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import posted_data
from guangde_plan.selectors import plan_year_chosen

from .. import exports
from ..forms_pipelines import HteCertificateForm, TechSmeRegistrationForm
from ..models import HteCertificate, TechSmeRegistration
from ..selectors import enterprise_get_visible
from ..selectors_figures import plan_year_list
from ..selectors_pipelines import (
    certificate_get_visible,
    hte_expiring_rows,
    registration_get_visible,
)

# The enterprise page's section where certificates and registrations are listed.
SECTION_ANCHOR = "#recognitions"


@write_view
@require_http_methods(["GET", "POST"])
def hte_certificate_create(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    form = HteCertificateForm(posted_data(request), instance=HteCertificate(enterprise=enterprise))
    if request.method == "POST" and form.is_valid():
        certificate = save_unless_taken(form, on_conflict=add_conflict_error)
        if certificate is not None:
            messages.success(
                request,
                _("Certificate %(number)s recorded for “%(name)s”.")
                % {"number": certificate.number, "name": enterprise.name},
            )
            return redirect(enterprise.get_absolute_url() + SECTION_ANCHOR)
    return render(
        request, "enterprises/certificate_form.html", {"form": form, "enterprise": enterprise}
    )


@write_view
@require_http_methods(["GET", "POST"])
def hte_certificate_update(request, certificate_id):
    certificate = certificate_get_visible(user=request.user, pk=certificate_id)
    enterprise = certificate.enterprise
    form = HteCertificateForm(posted_data(request), instance=certificate)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_unless_taken(form, on_conflict=add_conflict_error) is not None
    ):
        messages.success(
            request, _("Certificate %(number)s saved.") % {"number": certificate.number}
        )
        return redirect(enterprise.get_absolute_url() + SECTION_ANCHOR)
    return render(
        request,
        "enterprises/certificate_form.html",
        {
            "form": form,
            "enterprise": enterprise,
            "certificate": certificate,
            "history": change_history(certificate, unchanging=("enterprise",)),
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def sme_registration_create(request, enterprise_id):
    enterprise = enterprise_get_visible(user=request.user, pk=enterprise_id)
    form = TechSmeRegistrationForm(
        posted_data(request), instance=TechSmeRegistration(enterprise=enterprise)
    )
    if request.method == "POST" and form.is_valid():
        registration = save_unless_taken(form, on_conflict=add_conflict_error)
        if registration is not None:
            messages.success(
                request,
                _("Tech-SME registration %(number)s for %(year)d recorded for “%(name)s”.")
                % {
                    "number": registration.number,
                    "year": registration.year,
                    "name": enterprise.name,
                },
            )
            return redirect(enterprise.get_absolute_url() + SECTION_ANCHOR)
    return render(
        request, "enterprises/registration_form.html", {"form": form, "enterprise": enterprise}
    )


@write_view
@require_http_methods(["GET", "POST"])
def sme_registration_update(request, registration_id):
    registration = registration_get_visible(user=request.user, pk=registration_id)
    enterprise = registration.enterprise
    form = TechSmeRegistrationForm(posted_data(request), instance=registration)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_unless_taken(form, on_conflict=add_conflict_error) is not None
    ):
        messages.success(
            request,
            _("Tech-SME registration %(number)s saved.") % {"number": registration.number},
        )
        return redirect(enterprise.get_absolute_url() + SECTION_ANCHOR)
    return render(
        request,
        "enterprises/registration_form.html",
        {
            "form": form,
            "enterprise": enterprise,
            "registration": registration,
            "history": change_history(registration, unchanging=("enterprise",)),
        },
    )


@read_view
@require_safe
def hte_expiring(request):
    years = plan_year_list()
    plan_year = plan_year_chosen(request.GET.get("year"), years=years)
    certificates = hte_expiring_rows(user=request.user, plan_year=plan_year)
    if wants_xlsx(request):
        table = exports.hte_expiring(certificates, year=plan_year.year)
        return xlsx_response(table.workbook(), table.filename)
    return render(
        request,
        "enterprises/hte_expiring.html",
        {"plan_year": plan_year, "years": years, "certificates": certificates},
    )
