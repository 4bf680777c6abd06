from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, OrgUnit, OrgUnitName, PlanYear, Target, TargetQuota, TargetValue, User
from .services import org_unit_refresh_current_name, plan_year_rollover, user_apply_role


class OrgUnitNameInline(admin.TabularInline):
    model = OrgUnitName
    extra = 1


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["code", "name"]
    readonly_fields = ["name", "kind"]
    fields = ["code", "name", "kind", "sort_order", "is_active"]
    inlines = [OrgUnitNameInline]

    def save_model(self, request, obj, form, change):
        if not change:
            # The current name comes from the inline name history; a placeholder until then.
            obj.name, obj.kind = obj.name or obj.code, obj.kind or OrgUnit.Kind.TOWN
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        org_unit_refresh_current_name(org_unit=form.instance, today=timezone.localdate())


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "email", "is_active"]
    list_filter = ["role", "is_active", "org_units"]
    filter_horizontal = ["org_units", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Role and area"), {"fields": ["role", "org_units"]}),
        (
            _("Personal info"),
            {"fields": ["last_name", "first_name", "email", "phone", "language"]},
        ),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2", "role", "org_units"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        user_apply_role(user=obj)
        super().save_model(request, obj, form, change)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["sort_order", "code", "name", "section", "value", "unit", "direction"]
    show_change_link = True


@admin.register(PlanYear)
class PlanYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "title"]
    inlines = [TargetInline]
    actions = ["roll_over"]

    @admin.action(description=_("Start the next year's plan as a copy of this one"))
    def roll_over(self, request, queryset):
        for plan_year in queryset:
            try:
                created = plan_year_rollover(source=plan_year, year=plan_year.year + 1)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The %(year)d plan was created from %(source)d: edit its targets now.")
                    % {"year": created.year, "source": plan_year.year},
                    messages.SUCCESS,
                )


class TargetQuotaInline(admin.TabularInline):
    model = TargetQuota
    extra = 0
    fields = ["org_unit", "value"]


class TargetValueInline(admin.TabularInline):
    model = TargetValue
    extra = 0
    fields = ["recorded_on", "value", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "plan_year", "value", "unit", "direction"]
    list_filter = ["plan_year", "section"]
    search_fields = ["code", "name"]
    list_select_related = ["plan_year"]
    fields = [
        "plan_year",
        "code",
        "name",
        "section",
        "value",
        "unit",
        "direction",
        "description",
        "expected_curve",
        "sort_order",
    ]
    inlines = [TargetQuotaInline, TargetValueInline]

    def save_formset(self, request, form, formset, change):
        for value in formset.save(commit=False):
            if isinstance(value, TargetValue) and value.recorded_by_id is None:
                value.recorded_by = request.user
            value.save()
        for deleted in formset.deleted_objects:
            deleted.delete()


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens for other programs. Adding one shows its secret once, in a message; the
    database keeps only its hash, so a lost secret means a new token."""

    list_display = ["name", "user", "prefix", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name"]
        return ["user", "name", "prefix", "is_active", "created_at", "last_used_at"]

    def get_readonly_fields(self, request, obj=None):
        # A token never changes hands: revoke it and issue the other user a new one.
        return [] if obj is None else ["user", "prefix", "created_at", "last_used_at"]

    def save_model(self, request, obj, form, change):
        secret = None if change else obj.new_secret()
        super().save_model(request, obj, form, change)
        if secret:
            messages.warning(
                request,
                _(
                    "Copy the secret of the token “%(name)s” now: it will not be shown again. "
                    "Secret: %(secret)s"
                )
                % {"name": obj.name, "secret": secret},
            )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.filter(is_active=True).update(is_active=False)
        message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


from .reminders import admin as reminders_admin  # noqa: E402, F401  (registers its models)
