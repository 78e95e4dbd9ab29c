from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from graphql.utils.schema_printer import print_schema

from marketplace.schema import schema

SCHEMA_FILE = Path(settings.BASE_DIR) / "schema.graphql"


def printed_schema():
    return print_schema(schema) + "\n"


class Command(BaseCommand):
    help = "Write the published GraphQL schema (Saleor's plus ours) to schema.graphql."

    def handle(self, *args, **options):
        SCHEMA_FILE.write_text(printed_schema(), encoding="utf-8")
        self.stdout.write(f"Wrote {SCHEMA_FILE}")
