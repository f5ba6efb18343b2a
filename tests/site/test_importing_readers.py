"""open_inputs: plain files, folders, .gz, .zip, zips of zips and .tar.gz, streamed."""

import gzip
import io
import tarfile
import zipfile

import pytest

from healthsite.importing import InputError, count_inputs, open_inputs


def contents(*paths, **kwargs) -> dict[str, bytes]:
    return {member.name: member.stream.read() for member in open_inputs(*paths, **kwargs)}


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_plain_file_is_one_member(tmp_path):
    path = tmp_path / "label.xml"
    path.write_bytes(b"<document/>")
    assert contents(path) == {str(path): b"<document/>"}


def test_a_folder_is_walked_in_name_order_without_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.xml").write_bytes(b"2")
    (tmp_path / "a.xml").write_bytes(b"1")
    (tmp_path / ".hidden.xml").write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"n")
    found = contents(tmp_path, suffixes=[".xml"])
    assert list(found) == [str(tmp_path / "a.xml"), str(tmp_path / "b" / "two.xml")]


def test_gzip_is_undone_and_the_name_loses_gz(tmp_path):
    path = tmp_path / "codes.xml.gz"
    path.write_bytes(gzip.compress(b"<ICD10CM.tabular/>"))
    assert contents(path, suffixes=[".xml"]) == {str(tmp_path / "codes.xml"): b"<ICD10CM.tabular/>"}


def test_zip_members_are_streamed(tmp_path):
    path = tmp_path / "drugsatfda.zip"
    path.write_bytes(zip_bytes({"Products.txt": b"p", "Applications.txt": b"a", "dir/": b""}))
    assert contents(path) == {f"{path}/Products.txt": b"p", f"{path}/Applications.txt": b"a"}


def test_zip_of_zips_as_dailymed_distributes_it(tmp_path):
    # DailyMed's full release: a zip of folders of zips, each holding a label and pictures.
    label_one = zip_bytes({"one.xml": b"<one/>", "one.jpg": b"jpeg"})
    label_two = zip_bytes({"two.xml": b"<two/>"})
    path = tmp_path / "dm_spl_release_human_rx_part1.zip"
    path.write_bytes(
        zip_bytes({"prescription/one.zip": label_one, "prescription/two.zip": label_two})
    )
    found = contents(path, suffixes=[".xml"])
    assert found == {
        f"{path}/prescription/one.zip/one.xml": b"<one/>",
        f"{path}/prescription/two.zip/two.xml": b"<two/>",
    }
    assert [m.basename for m in open_inputs(path, suffixes=[".xml"])] == ["one.xml", "two.xml"]


def test_tar_gz_with_a_gzipped_member_and_a_zip_inside(tmp_path):
    path = tmp_path / "data.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in {
            "data/pairs.csv": b"a,b\n",
            "data/codes.xml.gz": gzip.compress(b"<x/>"),
            "data/labels.zip": zip_bytes({"l.xml": b"<l/>"}),
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    assert contents(path) == {
        f"{path}/data/pairs.csv": b"a,b\n",
        f"{path}/data/codes.xml": b"<x/>",
        f"{path}/data/labels.zip/l.xml": b"<l/>",
    }


def test_nothing_is_extracted_to_disk(tmp_path):
    path = tmp_path / "outer.zip"
    path.write_bytes(zip_bytes({"inner.zip": zip_bytes({"a.xml": b"<a/>"})}))
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for member in open_inputs(path):
        member.stream.read()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_text_decodes_the_stream(tmp_path):
    path = tmp_path / "pairs.csv.gz"
    path.write_bytes(gzip.compress(b"Warfarin$Aspirin\r\n"))
    members = open_inputs(path)  # each stream is open until the next member is asked for
    assert next(members).text().read() == "Warfarin$Aspirin\r\n"


def test_missing_path_and_damaged_archive_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="No such file"):
        list(open_inputs(tmp_path / "absent.xml"))
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a readable zip"):
        list(open_inputs(damaged))


def test_count_matches_what_open_inputs_yields_and_gives_up_on_archives(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.xml").write_bytes(b"2")
    (tmp_path / "a.xml").write_bytes(b"1")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.xml").write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"n")
    assert count_inputs(tmp_path, suffixes=[".XML"]) == len(contents(tmp_path, suffixes=[".xml"]))
    assert count_inputs(tmp_path) == 3
    (tmp_path / "more.zip").write_bytes(zip_bytes({"c.xml": b"3"}))
    assert count_inputs(tmp_path, suffixes=[".xml"]) is None  # counting would read it twice
    with pytest.raises(InputError):
        count_inputs(tmp_path / "missing")
