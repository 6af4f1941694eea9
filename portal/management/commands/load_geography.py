import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from portal.geodata import GeographyDataError
from portal.services import geography_load


class Command(BaseCommand):
    help = "Load every governorate, district and village from the official CSVs (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            type=Path,
            default=settings.GEO_DATA_DIR,
            help="A folder shaped like shared/data/geo (default: GEO_DATA_DIR).",
        )

    def handle(self, *args, directory: Path, verbosity: int, **options):
        self._bars: dict[str, tqdm] = {}
        report = self._progress if verbosity else None
        if verbosity:
            self.stdout.write(f"Reading {directory}")
        try:
            summary = geography_load(directory=directory, progress=report)
        except GeographyDataError as error:
            raise CommandError(f"{error} {_('Nothing was changed.')}") from error
        if not verbosity:
            return
        for level, counts in summary.items():
            self.stdout.write(
                f"{level:>12}: {counts.total:>5} in the files · {counts.created} created · "
                f"{counts.updated} updated · {counts.unchanged} unchanged"
            )
        self.stdout.write(self.style.SUCCESS("Geography is up to date."))

    def _progress(self, level: str, done: int, total: int):
        bar = self._bars.get(level)
        if bar is None:
            bar = self._bars[level] = tqdm(total=total, desc=level, unit=" rows", file=sys.stderr)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
