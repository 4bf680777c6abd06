"""Reference data administrators keep: platform kinds with the criteria of each level, and
the lines of work of the innovative-city indicators. Platforms, recognitions and notices are
recorded through the app's pages, whose services keep levels and numbers consistent."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IndicatorGroup, LevelCriteria, PlatformKind


class LevelCriteriaInline(admin.StackedInline):
    model = LevelCriteria
    extra = 0


@admin.register(PlatformKind)
class PlatformKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "category", "act", "sort_order"]
    list_editable = ["sort_order"]
    inlines = [LevelCriteriaInline]


@admin.register(LevelCriteria)
class LevelCriteriaAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "level", "min_area", "min_incubatees", "min_graduates", "min_fund"]
    list_filter = ["kind", "level"]
    list_select_related = ["kind"]


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "sort_order"]
    list_editable = ["sort_order"]
