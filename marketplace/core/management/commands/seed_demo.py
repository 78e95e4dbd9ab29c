"""`manage.py seed_demo`: the demo catalogue, its producers' warehouses and two log-ins.

Safe to run again: nothing is duplicated, see marketplace.core.demo.catalogue.
"""

import importlib
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.demo import catalogue, data

COOPERATIVES_DEMO = "marketplace.cooperatives.demo"
# Each domain seeds its own demo rows after the cooperatives, in this order:
# `seed(catalogue_result, stdout=...)` in the named module, when it exists.
DOMAIN_DEMOS = [
    "catalog_extensions.origin.demo",
    "catalog_extensions.labels.demo",
    "marketplace.fairs.demo",
    "storefront.demo",
]
DEFAULT_PASSWORDS = {"DEMO_ADMIN_PASSWORD": "admin", "DEMO_CUSTOMER_PASSWORD": "client"}


def load_demo(module_name):
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        # Only a missing module means "not written yet"; a broken one must fail loudly.
        if error.name != module_name:
            raise
        return None


def load_cooperatives_demo():
    return load_demo(COOPERATIVES_DEMO)


class Command(BaseCommand):
    # argparse needs plain strings: Django's own commands leave their help untranslated.
    help = (
        "Create or update the demo catalogue of the Fès–Meknès cooperatives, "
        "with an administrator and a customer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help="Print the demo e-mails and passwords at the end.",
        )

    def handle(self, *args, **options):
        passwords = demo_passwords()
        started = time.monotonic()
        cooperative_logins = {}
        with transaction.atomic():
            result = catalogue.seed()
            # Users first: the demo admin is recorded as the reviewer of the cooperatives.
            catalogue.users_seed(
                admin_password=passwords["DEMO_ADMIN_PASSWORD"],
                customer_password=passwords["DEMO_CUSTOMER_PASSWORD"],
            )
            cooperatives_demo = load_cooperatives_demo()
            if cooperatives_demo is not None:
                cooperative_logins = cooperatives_demo.seed(result, stdout=self.stdout) or {}
            for module_name in DOMAIN_DEMOS:
                domain_demo = load_demo(module_name)
                if domain_demo is not None:
                    domain_demo.seed(result, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(summary(time.monotonic() - started)))
        if options["print_logins"]:
            self.stdout.write(logins(passwords, cooperative_logins))


def demo_passwords():
    passwords = {
        variable: os.environ.get(variable) or default
        for variable, default in DEFAULT_PASSWORDS.items()
    }
    defaults_in_use = [
        variable
        for variable, default in DEFAULT_PASSWORDS.items()
        if passwords[variable] == default
    ]
    if defaults_in_use and not settings.DEBUG:
        raise CommandError(
            _(
                "Refusing to create demo users with default passwords while DEBUG is off. "
                "Set %(variables)s."
            )
            % {"variables": ", ".join(defaults_in_use)}
        )
    return passwords


def summary(seconds):
    counts = catalogue.row_counts()
    return _(
        "Demo data ready in %(seconds).1f s: %(products)d products, %(variants)d variants, "
        "%(categories)d categories, %(warehouses)d warehouses, %(stocks)d stocks, "
        "%(images)d images, %(translations)d product and category translations, "
        "%(users)d users."
    ) % {"seconds": seconds, **counts}


def logins(passwords, cooperative_logins):
    lines = [
        _("Log-ins:"),
        "  " + _("council staff (all permissions): %(login)s")
        % {"login": f"{data.ADMIN['email']} / {passwords['DEMO_ADMIN_PASSWORD']}"},
        "  " + _("shopper: %(login)s")
        % {"login": f"{data.CUSTOMER['email']} / {passwords['DEMO_CUSTOMER_PASSWORD']}"},
    ]
    lines += [
        f"  {label}: {email} / {password}"
        for label, (email, password) in cooperative_logins.items()
    ]
    return "\n".join(lines)
