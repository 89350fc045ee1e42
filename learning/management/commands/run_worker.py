"""`manage.py run_worker`: a background-job worker for the configured queue (the database
queue's `db_worker`, or RQ's `rqworker` with its scheduler when TASKS_BACKEND is rq). Run as
many as you like, on any host that reaches the database (and Redis).

Before it starts, clips whose jobs were lost with a killed worker are queued again."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from learning.audio.services import audio_requeue_stale


class Command(BaseCommand):
    help = "Run a background-job worker (speech synthesis) for the configured queue."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="Run the waiting jobs, then exit.")
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="Exit after this many jobs."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        again = audio_requeue_stale()
        if again:
            self.stdout.write(f"Queued {again} lost clip(s) again.")
        backend = settings.TASKS_BACKEND
        if backend == "rq":
            rq_options: dict[str, Any] = {
                # django-tasks-rq's job class runs Django tasks and records their results.
                "job_class": "django_tasks_rq.Job",
                "with_scheduler": True,
                "burst": options["batch"],
                "verbosity": options["verbosity"],
            }
            if options["max_tasks"]:
                rq_options["max_jobs"] = options["max_tasks"]
            call_command("rqworker", "default", **rq_options)
        elif backend == "db":
            db_options: dict[str, Any] = {
                "batch": options["batch"],
                "reload": False,
                "verbosity": options["verbosity"],
            }
            if options["max_tasks"]:
                db_options["max_tasks"] = options["max_tasks"]
            call_command("db_worker", **db_options)
        else:
            raise CommandError(f"The {backend!r} tasks backend runs jobs without a worker.")
