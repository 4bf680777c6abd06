from guangde_plan.checks import check_frontend_assets, check_translations_compiled


def test_front_end_packages_present_pass():
    assert check_frontend_assets(None) == []


def test_missing_front_end_packages_are_an_error(settings, tmp_path):
    settings.STATICFILES_DIRS = [("vendor/bootstrap", tmp_path / "missing")]
    errors = check_frontend_assets(None)
    assert [error.id for error in errors] == ["guangde_plan.E001"]
    assert "npm ci" in errors[0].hint


def test_compiled_translations_pass():
    assert check_translations_compiled(None) == []


def test_an_uncompiled_catalogue_is_a_warning(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    warnings = check_translations_compiled(None)
    assert [warning.id for warning in warnings] == ["guangde_plan.W001"]
