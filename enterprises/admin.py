from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "uscc", "org_unit", "tech_field", "is_above_designated_size"]
    list_filter = ["org_unit", "tech_field", "is_above_designated_size"]
    search_fields = ["name", "uscc"]
    list_select_related = ["org_unit"]
