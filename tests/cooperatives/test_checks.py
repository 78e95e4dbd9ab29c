from django.core.checks import run_checks


def test_a_missing_cooperatives_plugin_is_a_system_check_error(settings):
    # given
    settings.PLUGINS = [p for p in settings.PLUGINS if "cooperatives" not in p]

    # when
    errors = run_checks()

    # then
    assert "marketplace.E001" in [error.id for error in errors]


def test_configured_project_passes_the_checks():
    assert [error.id for error in run_checks() if error.is_serious()] == []
