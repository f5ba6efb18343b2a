"""One way to open import inputs: files, folders and archives, streamed member by member.

`open_inputs(path, ...)` accepts plain files, folders (walked recursively, in name order,
hidden files skipped), `.gz` files, `.zip` archives (including zips inside zips, as
DailyMed's full releases are distributed) and `.tar`/`.tar.gz`/`.tgz` archives, in any
nesting. It yields one `InputFile(name, stream)` per member, where `name` shows the way in
("release.zip/prescription/label.zip/label.xml") and `stream` is a binary stream read
straight out of the archive: nothing is extracted to disk. A stream is only valid until the
next member is requested.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import tarfile
import zipfile
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import IO, cast


class InputError(ValueError):
    """An input cannot be read at all (missing, or a damaged archive)."""


class InputFile:
    """One input: `name` (the way in, through folders and archives) and a binary `stream`."""

    __slots__ = ("_texts", "name", "stream")

    def __init__(self, name: str, stream: IO[bytes]) -> None:
        self.name = name
        self.stream = stream
        self._texts: list[io.TextIOWrapper] = []

    def __iter__(self) -> Iterator:
        return iter((self.name, self.stream))

    def __repr__(self) -> str:
        return f"InputFile({self.name!r})"

    @property
    def basename(self) -> str:
        """The member's own file name, without the folders or archives around it."""
        return self.name.rsplit("/", 1)[-1]

    def text(self, *, encoding: str = "utf-8", errors: str = "strict") -> io.TextIOWrapper:
        """The stream decoded as text (newlines left as they are, for the csv module)."""
        wrapper = io.TextIOWrapper(self.stream, encoding=encoding, errors=errors, newline="")
        self._texts.append(wrapper)
        return wrapper

    def release(self) -> None:
        """Let go of the text wrappers: the stream is closed by whoever opened it."""
        for wrapper in self._texts:
            with contextlib.suppress(ValueError):  # closed by the reader already
                wrapper.detach()


TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz")
ARCHIVE_SUFFIXES = (".zip", ".gz", *TAR_SUFFIXES)


def open_inputs(
    *paths: str | Path, suffixes: Iterable[str] | None = None
) -> Generator[InputFile, None, None]:
    """Every file in `paths`, archives opened and gzip undone, in a stable order.

    `suffixes` (".xml", ".csv"...) keeps only members whose name ends so (after ".gz" is
    taken off); archives are always looked into. A missing path raises InputError.
    """
    wanted = _wanted(suffixes)
    for file in _files(paths):
        yield from _open_file(file, wanted)


def is_archive(name: str) -> bool:
    """Whether `open_inputs` looks inside this file rather than yielding it."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def count_inputs(*paths: str | Path, suffixes: Iterable[str] | None = None) -> int | None:
    """How many members `open_inputs` will yield, when that is cheap to know (a progress
    bar's total): None when an archive is among the inputs, since counting inside it would
    read it twice."""
    files = _files(paths)
    if any(is_archive(file.name) for file in files):
        return None
    wanted = _wanted(suffixes)
    return sum(1 for file in files if wanted is None or file.name.lower().endswith(wanted))


def _wanted(suffixes: Iterable[str] | None) -> tuple[str, ...] | None:
    return tuple(s.lower() for s in suffixes) if suffixes is not None else None


def _files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, and those in the folders named (recursively, in name order, hidden
    files and folders skipped). A missing path raises InputError."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(
                child
                for child in path.rglob("*")
                if child.is_file()
                and not any(part.startswith(".") for part in child.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"No such file or folder: {path}")
    return files


def _open_file(path: Path, wanted: tuple[str, ...] | None) -> Iterator[InputFile]:
    with path.open("rb") as stream:
        yield from _members(str(path), stream, wanted)


def _members(name: str, stream: IO[bytes], wanted: tuple[str, ...] | None) -> Iterator[InputFile]:
    lower = name.lower()
    if lower.endswith(TAR_SUFFIXES):
        yield from _tar_members(name, stream, wanted)
    elif lower.endswith(".zip"):
        yield from _zip_members(name, stream, wanted)
    elif lower.endswith(".gz"):
        with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
            yield from _members(name[:-3], cast(IO[bytes], inner), wanted)
    elif wanted is None or lower.endswith(wanted):
        member = InputFile(name, stream)
        try:
            yield member
        finally:
            member.release()


def _zip_members(name: str, stream: IO[bytes], wanted) -> Iterator[InputFile]:
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as error:
        raise InputError(f"{name}: not a readable zip archive ({error})") from error
    with archive:
        for info in archive.infolist():
            if info.is_dir() or Path(info.filename).name.startswith("."):
                continue
            with archive.open(info) as member:
                yield from _members(f"{name}/{info.filename}", member, wanted)


def _tar_members(name: str, stream: IO[bytes], wanted) -> Iterator[InputFile]:
    # Random access when the stream can seek (members then seek too: a zip inside works);
    # otherwise strictly forward.
    seekable = getattr(stream, "seekable", lambda: False)()
    try:
        archive = tarfile.open(fileobj=stream, mode="r:*" if seekable else "r|*")  # noqa: SIM115 - closed below
    except tarfile.TarError as error:
        raise InputError(f"{name}: not a readable tar archive ({error})") from error
    with archive:
        for info in archive:
            if not info.isfile() or Path(info.name).name.startswith("."):
                continue
            member = archive.extractfile(info)
            if member is None:
                continue
            with member:
                yield from _members(f"{name}/{info.name}", member, wanted)
