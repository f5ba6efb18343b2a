"""The import run: batches, rejected records, dry runs that roll back, the progress bar."""

import csv
import fcntl
import io
import os
import select
import struct
import termios

import pytest

from articles.models import Condition
from healthsite.importing import Importer, ImportRun, Rejected, run_import, write_rejected_report
from healthsite.importing.progress import is_terminal, progress_bar

pytestmark = pytest.mark.django_db


def drain(leader: int) -> str:
    """Everything written to the terminal so far (reads until it stays quiet)."""
    chunks = []
    while select.select([leader], [], [], 0.5)[0]:
        chunks.append(os.read(leader, 4096))
    return b"".join(chunks).decode()


class ConditionNames(Importer):
    """A tiny real format: one condition name per line; "!" lines are refused."""

    label = "Condition names"
    unit = "names"

    def __init__(self, lines: list[str], batch_size: int = 2) -> None:
        self.lines = lines
        self.batch_size = batch_size
        self.batches: list[int] = []
        self.finished = False

    def total(self) -> int:
        return len(self.lines)

    def read(self):
        for number, line in enumerate(self.lines, start=1):
            if line.startswith("!"):
                yield Rejected(reference=f"line {number}", reason="starts with !")
            else:
                yield line

    def save(self, records, run):
        self.batches.append(len(records))
        for name in records:
            _condition, created = Condition.objects.get_or_create(
                name=name, defaults={"slug": name.lower()}
            )
            run.add("condition", "created" if created else "unchanged")

    def finish(self, run):
        self.finished = True


def test_records_are_saved_in_batches_and_counted():
    importer = ConditionNames(["Asthma", "Gout", "!bad", "Acne", "Gout"], batch_size=2)
    run = run_import(importer)
    assert importer.batches == [2, 1, 1]  # batches of read items; rejected ones left out
    assert importer.finished
    assert (run.records, run.created, run.unchanged, run.changed) == (4, 3, 1, 3)
    assert run.rejected == [Rejected(reference="line 3", reason="starts with !")]
    assert sorted(Condition.objects.values_list("name", flat=True)) == ["Acne", "Asthma", "Gout"]
    assert run.summary().startswith(
        "Condition names: 4 names read, 3 created, 0 updated, 1 unchanged, 1 rejected in "
    )


def test_dry_run_rolls_back_and_reports_what_a_real_run_would_do():
    run = run_import(ConditionNames(["Asthma", "Gout"]), dry_run=True)
    assert Condition.objects.count() == 0
    assert run.created == 2
    assert "would have 2 created" in run.summary()
    assert run.lines()[-1].startswith("Dry run: nothing was saved")


def test_second_run_says_nothing_changed():
    run_import(ConditionNames(["Asthma"]))
    again = run_import(ConditionNames(["Asthma"]))
    assert again.changed == 0
    assert "No changes: everything was already up to date." in again.lines()


def test_breakdown_lists_entities_only_when_there_is_more_than_the_totals():
    run = ImportRun(label="Drugs", unit="products")
    run.add("drug", "created", 2)
    assert run.breakdown() == []
    run.add("product", "unchanged", 1_200)
    run.add("pill appearance", "sent")
    assert run.breakdown() == [
        "  drug: 2 created",
        "  pill appearance: 1 sent",
        "  product: 1,200 unchanged",
    ]


def test_rejected_report_is_a_csv_of_reference_and_reason(tmp_path):
    path = tmp_path / "rejected.csv"
    written = write_rejected_report(
        path, [Rejected("line 3", "starts with !"), Rejected("a, b", 'says "no"')]
    )
    assert written == 2
    with path.open(newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [
            ["reference", "reason"],
            ["line 3", "starts with !"],
            ["a, b", 'says "no"'],
        ]


def test_progress_is_not_drawn_when_the_output_is_not_a_terminal():
    stream = io.StringIO()
    run_import(ConditionNames(["Asthma", "Gout"]), progress=stream)
    assert stream.getvalue() == ""
    assert not is_terminal(stream)


def test_progress_is_drawn_on_a_terminal_with_label_total_and_rate():
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    with open(follower, "w", encoding="utf-8") as terminal:
        assert is_terminal(terminal)
        with progress_bar(label="Labels", unit="labels", total=4, stream=terminal) as bar:
            bar.update(4)
            bar.refresh()
            drawn = drain(leader)
    os.close(leader)
    assert "Labels" in drawn and "4/4" in drawn and "labels/s" in drawn


def test_progress_is_drawn_on_a_terminal_that_reports_no_size():
    leader, follower = os.openpty()  # a new pty reports 0 columns, as under `script`
    terminal = open(follower, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    with terminal, progress_bar(label="Codes", unit="codes", total=None, stream=terminal) as bar:
        bar.update(3)
        bar.refresh()
        drawn = drain(leader)
    os.close(leader)
    assert "Codes: 3 codes" in drawn


class Validated(ConditionNames):
    """Rejects with the message of a Django validation error, which is translated."""

    def read(self):
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        for number, line in enumerate(self.lines, start=1):
            try:
                validate_email(line)
            except ValidationError as error:
                yield Rejected(reference=f"line {number}", reason=" ".join(error.messages))


def test_reports_are_in_the_site_language_whatever_a_request_before_activated():
    """A Spanish page served earlier in the same thread leaves Spanish active (LocaleMiddleware
    does not reset it); the operator's report must not switch language because of it."""
    from django.utils import translation

    translation.activate("es")
    try:
        run = run_import(Validated(["not an address"]))
        assert translation.get_language() == "es"  # left as it was found
    finally:
        translation.deactivate()
    assert run.rejected == [Rejected(reference="line 1", reason="Enter a valid email address.")]
