"""The "Teachers" group: an admin adds a user to it to make them a teacher."""

from __future__ import annotations

from django.db import migrations

# Spelled out rather than imported from quiz.roles: a migration must keep meaning what it meant.
TEACHERS_GROUP = "Teachers"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=TEACHERS_GROUP)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TEACHERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, delete_group)]
