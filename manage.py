#!/usr/bin/env python3
"""Django's command-line utility for Reportcard."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings from the environment)
    except ImproperlyConfigured as exc:
        # Django would carry on and fail later with "Models aren't loaded yet";
        # say what is wrong with the environment instead, in one line.
        sys.exit(f"ImproperlyConfigured: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
