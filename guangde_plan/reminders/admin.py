"""Administration of the weekly email (imported by guangde_plan/admin.py): its day and hour,
and the outside contacts who unsubscribed."""

from django.contrib import admin

from ..models import ReminderOptOut, ReminderSchedule


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "weekday", "hour", "is_active", "updated_at"]
    fields = ["weekday", "hour", "is_active"]

    def has_add_permission(self, request):
        # One schedule: until it is stored, the default (Monday 09:00) applies.
        return super().has_add_permission(request) and not ReminderSchedule.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderOptOut)
class ReminderOptOutAdmin(admin.ModelAdmin):
    """Deleting a row sends that contact the weekly email again."""

    list_display = ["email", "recipient_key", "created_at"]
    readonly_fields = ["recipient_key", "email", "created_at"]
    search_fields = ["email"]

    def has_add_permission(self, request):
        return False
