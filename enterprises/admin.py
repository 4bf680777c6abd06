from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualFigures, Enterprise, EvaluationRules, HteCertificate, TechSmeRegistration


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "uscc", "org_unit", "tech_field", "is_above_designated_size"]
    list_filter = ["org_unit", "tech_field", "is_above_designated_size"]
    search_fields = ["name", "uscc"]
    list_select_related = ["org_unit"]


@admin.register(AnnualFigures)
class AnnualFiguresAdmin(SimpleHistoryAdmin):
    list_display = ["enterprise", "year", "sales_revenue", "rd_expense", "employees"]
    list_filter = ["year", "enterprise__org_unit"]
    search_fields = ["enterprise__name", "enterprise__uscc"]
    list_select_related = ["enterprise"]
    autocomplete_fields = ["enterprise"]


@admin.register(HteCertificate)
class HteCertificateAdmin(SimpleHistoryAdmin):
    list_display = ["number", "enterprise", "issued_on", "expires_on"]
    search_fields = ["number", "enterprise__name", "enterprise__uscc"]
    list_select_related = ["enterprise"]
    autocomplete_fields = ["enterprise"]


@admin.register(TechSmeRegistration)
class TechSmeRegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["number", "enterprise", "year"]
    list_filter = ["year"]
    search_fields = ["number", "enterprise__name", "enterprise__uscc"]
    list_select_related = ["enterprise"]
    autocomplete_fields = ["enterprise"]


@admin.register(EvaluationRules)
class EvaluationRulesAdmin(SimpleHistoryAdmin):
    list_display = ["plan_year"]
