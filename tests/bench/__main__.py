"""`python -m tests.bench` (what `make bench` runs): Django set up, then every figure printed."""

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")
    django.setup()
    from tests.bench.run import Command

    Command().handle()


if __name__ == "__main__":
    main()
