"""The import framework every importer uses (see docs in `run.py` and `readers.py`).

An importer is a parser yielding records plus the service calls that store them
(`Importer`); `run_import` runs it with progress, batching, rejected records and dry runs;
`ImportCommand` makes its management command a thin wrapper; `open_inputs` reads files,
folders and archives. This package imports no app: every app may use it.
"""

from .command import ImportCommand, existing_path
from .readers import InputError, InputFile, count_inputs, is_archive, open_inputs
from .rejected import Rejected, write_rejected_report
from .run import CREATED, UNCHANGED, UPDATED, Importer, ImportRun, rolled_back_if, run_import
from .summary import summary_table

__all__ = [
    "CREATED",
    "UNCHANGED",
    "UPDATED",
    "ImportCommand",
    "ImportRun",
    "Importer",
    "InputError",
    "InputFile",
    "Rejected",
    "count_inputs",
    "existing_path",
    "is_archive",
    "open_inputs",
    "rolled_back_if",
    "run_import",
    "summary_table",
    "write_rejected_report",
]
