"""What is recorded on a platform: recognitions and filings (which decide its level), level
applications and their moves (with the applications board), and yearly incubation figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guangde_plan.lib.access import read_view, write_view
from guangde_plan.lib.forms import add_service_error, save_unless_taken
from guangde_plan.lib.history import change_history
from guangde_plan.lib.http import NotFound, posted_data
from guangde_plan.selectors import plan_year_chosen

from . import services
from .forms import (
    ApplicationMoveForm,
    ApplicationStartForm,
    BoardFilterForm,
    IncubationFiguresForm,
    RecognitionForm,
)
from .models import ApplicationStage, IncubationFigures, Platform, Recognition
from .selectors import (
    application_board,
    application_get_visible,
    incubation_figures_get_visible,
    plan_year_list,
    platform_get_visible,
    recognition_get_visible,
)


def _back(platform: Platform, section: str):
    return redirect(f"{platform.get_absolute_url()}#{section}")


# Recognitions ---------------------------------------------------------------------------------


def _recognition_form(request, recognition: Recognition):
    platform = recognition.platform
    form = RecognitionForm(posted_data(request), instance=recognition)
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_save(recognition=form.instance, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            platform.refresh_from_db(fields=["level"])
            messages.success(
                request,
                _("Recorded. “%(name)s” is now at the %(level)s level.")
                % {"name": platform.name, "level": platform.get_level_display()},
            )
            return _back(platform, "recognitions")
    return render(
        request,
        "platforms/platform_recognition_form.html",
        {
            "form": form,
            "platform": platform,
            "recognition": recognition if recognition.pk else None,
            "history": change_history(recognition, unchanging=("platform",))
            if recognition.pk
            else [],
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def recognition_create(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    return _recognition_form(request, Recognition(platform=platform))


@write_view
@require_http_methods(["GET", "POST"])
def recognition_update(request, recognition_id):
    return _recognition_form(request, recognition_get_visible(user=request.user, pk=recognition_id))


@write_view
@require_http_methods(["GET", "POST"])
def recognition_delete(request, recognition_id):
    recognition = recognition_get_visible(user=request.user, pk=recognition_id)
    platform = recognition.platform
    if request.method == "POST":
        try:
            services.recognition_delete(recognition=recognition, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The recognition was deleted."))
        return _back(platform, "recognitions")
    return render(
        request,
        "platforms/platform_confirm.html",
        {
            "platform": platform,
            "title": _("Delete a recognition of “%(name)s”") % {"name": platform.name},
            "text": _(
                "%(act)s · %(level)s · %(date)s %(number)s: delete it only when it was recorded "
                "by mistake; the platform's level is then worked out from the others."
            )
            % {
                "act": recognition.get_act_display(),
                "level": recognition.get_level_display(),
                "date": recognition.recognised_on.isoformat(),
                "number": recognition.document_number,
            },
            "button": _("Delete"),
            "button_class": "btn-danger",
            "can_confirm": True,
        },
    )


# Applications ---------------------------------------------------------------------------------


@write_view
@require_http_methods(["GET", "POST"])
def application_create(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    form = ApplicationStartForm(
        posted_data(request), platform=platform, plan_years=plan_year_list()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_start(
                platform=platform,
                target_level=data["target_level"],
                plan_year=data["plan_year"],
                stage=data["stage"],
                on=data["on"],
                by=request.user,
                note=data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Application of “%(name)s” for the %(level)s level in %(year)d recorded.")
                % {
                    "name": platform.name,
                    "level": application.get_target_level_display(),
                    "year": application.plan_year.year,
                },
            )
            return _back(platform, "applications")
    return render(
        request, "platforms/platform_application_form.html", {"form": form, "platform": platform}
    )


@write_view
@require_http_methods(["GET", "POST"])
def application_move(request, application_id):
    application = application_get_visible(user=request.user, pk=application_id)
    form = ApplicationMoveForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            move = services.application_move(
                application=application,
                to_stage=data["to_stage"],
                on=data["on"],
                by=request.user,
                note=data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The application moved to “%(stage)s”.") % {"stage": move.get_to_stage_display()},
            )
            return _back(application.platform, "applications")
    return render(
        request,
        "platforms/platform_application_move.html",
        {
            "form": form,
            "application": application,
            "platform": application.platform,
            "is_final": application.stage == ApplicationStage.RECOGNISED,
        },
    )


@read_view
@require_safe
def application_board_page(request):
    years = plan_year_list()
    plan_year = plan_year_chosen(request.GET.get("year"), years=years)
    form = BoardFilterForm(
        {
            "year": plan_year.year,
            "org_unit": request.GET.get("org_unit", ""),
            "category": request.GET.get("category", ""),
        },
        user=request.user,
        years=years,
    )
    # A unit the user may not see is refused by the form (shown as an error) and left out
    # of cleaned_data: the board then shows all of the user's units.
    form.is_valid()
    columns = application_board(
        user=request.user,
        plan_year=plan_year,
        org_unit=form.cleaned_data.get("org_unit"),
        category=form.cleaned_data.get("category", ""),
    )
    return render(
        request,
        "platforms/platform_applications_board.html",
        {
            "plan_year": plan_year,
            "form": form,
            "columns": columns,
            "total": sum(len(column["applications"]) for column in columns),
        },
    )


# Incubation figures ---------------------------------------------------------------------------


def _conflict(form):
    form.add_error(
        "year",
        _("Someone else saved figures for this year just now. Nothing was saved: edit them."),
    )


def _figures_form(request, figures: IncubationFigures):
    platform = figures.platform
    if not platform.kind.tracks_incubation:
        raise NotFound(_("Incubation figures are kept for incubators and maker spaces only."))
    initial = {}
    if figures.pk is None and request.GET.get("year", "").isdigit():
        initial["year"] = request.GET["year"]
    form = IncubationFiguresForm(posted_data(request), instance=figures, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_unless_taken(form, on_conflict=_conflict)
        if saved is not None:
            messages.success(
                request,
                _("Incubation figures of %(year)d saved.") % {"year": saved.year},
            )
            return _back(platform, "incubation")
    return render(
        request,
        "platforms/platform_figures_form.html",
        {
            "form": form,
            "platform": platform,
            "figures": figures if figures.pk else None,
            "history": change_history(figures, unchanging=("platform",)) if figures.pk else [],
        },
    )


@write_view
@require_http_methods(["GET", "POST"])
def figures_create(request, platform_id):
    platform = platform_get_visible(user=request.user, pk=platform_id)
    return _figures_form(request, IncubationFigures(platform=platform))


@write_view
@require_http_methods(["GET", "POST"])
def figures_update(request, incubation_figures_id):
    figures = incubation_figures_get_visible(user=request.user, pk=incubation_figures_id)
    return _figures_form(request, figures)
