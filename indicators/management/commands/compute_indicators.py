import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from indicators import services
from portal.models import Governorate


class Command(BaseCommand):
    help = "Recompute indicator values: what changed since the last run, or everything with --full."

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Recompute every district and month.")
        parser.add_argument("--governorate", metavar="CODE", help="Only this governorate (implies --full).")

    def handle(self, *args, full: bool, governorate: str | None, verbosity: int, **options):
        if governorate or full:
            run = self._full(governorate, verbosity)
        else:
            run = services.changes_run()
            if run is None:
                raise CommandError("Another incremental run is in progress; nothing was done.")
        seconds = (run.finished_at - run.started_at).total_seconds()
        if verbosity:
            self.stdout.write(
                f"{run.get_kind_display()}: {run.parts_done} of {run.parts_total} part(s), "
                f"{run.values_written} value(s) written, {seconds:.1f} s"
            )
            self.stdout.write(self.style.SUCCESS("Indicators are up to date."))

    def _full(self, code: str | None, verbosity: int):
        target = None
        if code:
            target = Governorate.objects.filter(code=code).first()
            if target is None:
                raise CommandError(f"No governorate has the code {code!r}.")
        bar = tqdm(unit=" governorates", file=sys.stderr, disable=not verbosity)

        def progress(done: int, total: int, governorate):
            bar.total = total
            bar.set_postfix_str(governorate.code)
            bar.update(done - bar.n)

        try:
            return services.full_run_in_process(governorate=target, progress=progress)
        finally:
            bar.close()
