"""makemigrations that only ever writes into this project.

Our settings change Python-side defaults of some Saleor fields (e.g.
``Order.language_code`` follows ``LANGUAGE_CODE``); Django's autodetector
then wants new migrations inside the installed Saleor package, and makes
ours depend on them. Such migrations change no schema: they are dropped,
and dependencies on them are pointed at what they depended on.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.commands import makemigrations


def belongs_to_project(app_label):
    path = Path(apps.get_app_config(app_label).path).resolve()
    return Path(settings.BASE_DIR) in path.parents and ".venv" not in path.parts


class Command(makemigrations.Command):
    def write_migration_files(self, changes):
        dropped = {}
        for app_label in [label for label in changes if not belongs_to_project(label)]:
            for migration in changes.pop(app_label):
                dropped[(app_label, migration.name)] = migration.dependencies
                self.stderr.write(f"Not writing {app_label}.{migration.name}: not ours.")
        for migrations in changes.values():
            for migration in migrations:
                migration.dependencies = resolve(migration.dependencies, dropped)
        super().write_migration_files(changes)


def resolve(dependencies, dropped):
    resolved = []
    for dependency in dependencies:
        key = tuple(dependency[:2]) if isinstance(dependency, tuple) else None
        if key in dropped:
            resolved.extend(
                dep for dep in resolve(dropped[key], dropped) if dep[0] == key[0]
            )
        else:
            resolved.append(dependency)
    return resolved
