"""What every form of the site shares with the services behind it."""


def add_service_errors(form, error, *, field_aliases=None):
    """Show a service's ``ValidationError`` on ``form``, each message beside its field.

    Messages for a field the form does not have, or for no field, go on top
    of the form. ``field_aliases`` maps the start of a service's field name
    to the form field that shows it (``{"variants": "sku"}``).
    """
    errors_by_field = getattr(error, "error_dict", None) or {None: error.error_list}
    for field, errors in errors_by_field.items():
        for prefix, alias in (field_aliases or {}).items():
            if field and field.startswith(prefix):
                field = alias
                break
        form.add_error(field if field in form.fields else None, errors)
