from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AwardRecommendation,
    Base,
    BaseRecommendation,
    Event,
    EventPhoto,
    Honoree,
    KeyDay,
    MonthlyTheme,
    Paper,
    Society,
)


@admin.register(MonthlyTheme)
class MonthlyThemeAdmin(SimpleHistoryAdmin):
    list_display = ["plan_year", "month", "title"]
    list_filter = ["plan_year"]
    list_select_related = ["plan_year"]


@admin.register(KeyDay)
class KeyDayAdmin(SimpleHistoryAdmin):
    list_display = ["plan_year", "kind", "starts_on", "ends_on", "note"]
    list_filter = ["kind"]
    list_select_related = ["plan_year"]


class EventPhotoInline(admin.TabularInline):
    model = EventPhoto
    fields = ["original_name", "format", "width", "height", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "title", "kind", "org_unit", "audience"]
    list_filter = ["kind", "org_unit"]
    search_fields = ["title", "place", "organisers"]
    date_hierarchy = "held_on"
    list_select_related = ["org_unit"]
    raw_id_fields = ["theme", "base", "society", "created_by"]
    inlines = [EventPhotoInline]


class BaseRecommendationInline(admin.TabularInline):
    model = BaseRecommendation
    extra = 0


@admin.register(Base)
class BaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "org_unit", "level", "is_active"]
    list_filter = ["kind", "level", "org_unit", "is_active"]
    search_fields = ["name"]
    list_select_related = ["org_unit"]
    inlines = [BaseRecommendationInline]


class AwardRecommendationInline(admin.TabularInline):
    model = AwardRecommendation
    extra = 0


@admin.register(Honoree)
class HonoreeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "employer", "plan_year", "honour"]
    list_filter = ["plan_year"]
    search_fields = ["name", "employer"]
    list_select_related = ["plan_year"]
    inlines = [AwardRecommendationInline]


@admin.register(Society)
class SocietyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "chair", "term_started_on", "term_years", "renewal_due_on"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "chair"]


@admin.register(Paper)
class PaperAdmin(SimpleHistoryAdmin):
    list_display = ["title", "society", "collected_on", "evaluation"]
    list_filter = ["evaluation", "society"]
    search_fields = ["title", "authors"]
    list_select_related = ["society"]
