"""What styrgraf writes is safe where it lands.

csv and tsv are opened in spreadsheets: a label that starts like a formula
gets a leading ' (CSV injection, OWASP) unless --raw says the reader is a
machine; --excel writes what Swedish Excel opens by double-click. -o writes
through: a device stays a device, a symlink stays a link, a read-only file is
refused, a full disk is one line with the old file intact.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from styrgraf.cli import render
from styrgraf.knowledge.atomic import atomic_writer
from styrgraf.knowledge.errors import InputError, StyrgrafError
from styrgraf.queries import cells
from styrgraf.queries.rows import Rows

#: labels a document could hold, and what the default (neutralised) csv cell is
HOSTILE = {
    '=HYPERLINK("http://x")': '\'=HYPERLINK("http://x")',
    "+1": "+1",  # a plain number: nothing to run
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\rcmd|' /C calc'!A0": "'\rcmd|' /C calc'!A0",
    "\t=1+1": "'\t=1+1",
    "-0,5": "-0,5",
    "Vanlig text": "Vanlig text",
}
MINI = str(FIXTURES / "mini")


def _literal(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"@sv'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[str, Path]:
    """A knowledge folder whose activities and units carry the hostile labels, and its cache."""
    folder = tmp_path_factory.mktemp("hostile-kb")
    lines = ["@prefix sg:    <https://w3id.org/styrgraf/def#> .",
             "@prefix act:   <https://w3id.org/styrgraf/id/activity/> .",
             "@prefix actor: <https://w3id.org/styrgraf/id/actor/> .",
             "@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .", ""]
    for i, label in enumerate(HOSTILE, 1):
        lines.append(f"act:a{i} a sg:Activity ; rdfs:label {_literal(label)} ; "
                     f"sg:responsible actor:u{i} .")
        lines.append(f"actor:u{i} a sg:OrganizationalUnit ; rdfs:label {_literal(label)} .")
    (folder / "hostile.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(folder), tmp_path_factory.mktemp("hostile-cache")


def _labels(text: str, delimiter: str = ",") -> list[str]:
    """The responsibleLabel cells of units-by-activities output (in-process text)."""
    table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    column = table[0].index("responsibleLabel")
    return [row[column] for row in table[1:]]


def _one_error(err: str) -> str:
    """The one error line of a run (a store-build note may come before it), no traceback."""
    lines = err.strip().splitlines()
    assert lines[-1].startswith("error: ") and "Traceback" not in err, err
    assert not any(line.startswith("error") for line in lines[:-1]), err
    return lines[-1]


def _expected(label: str, *, raw: bool = False) -> str:
    """A label as the in-process runner reads it back (universal newlines turn CR into LF)."""
    return (label if raw else HOSTILE[label]).replace("\r", "\n")


# ---- the library function -------------------------------------------------------------------

@pytest.mark.parametrize(("value", "safe"), [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\rx", "'\rx"), ("-", "'-"), ("- punkt", "'- punkt"),
    ("-3", "-3"), ("+46", "+46"), ("-0.5", "-0.5"), ("-0,5", "-0,5"), ("12", "12"),
    ("a=b", "a=b"), ("'=x", "'=x"), ("", ""), (" =1", " =1"),
    (-3, -3), (0.5, 0.5), (None, None), (True, True),
])
def test_neutralise_prefixes_formula_starts_only(value, safe):
    assert cells.neutralise(value) == safe


def test_decimal_comma_only_for_fractions():
    assert cells.decimal_comma(0.637) == "0,637"
    assert cells.decimal_comma(Decimal("-1.5")) == "-1,5"
    assert cells.decimal_comma(3) == 3 and cells.decimal_comma(True) is True
    assert cells.decimal_comma("1.5") == "1.5"  # a text stays a text


# ---- csv and tsv from the commands -----------------------------------------------------------

@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_neutralise_formulas_by_default(cli, hostile, fmt, delimiter):
    data, cache = hostile
    r = cli("--data", data, "query", "units-by-activities", "-f", fmt, cache=cache)
    assert r.code == 0, r.err
    assert sorted(_labels(r.out, delimiter)) == sorted(_expected(label) for label in HOSTILE)


def test_raw_writes_cells_as_they_are(cli, hostile):
    data, cache = hostile
    r = cli("--data", data, "query", "units-by-activities", "-f", "csv", "--raw", cache=cache)
    assert r.code == 0, r.err
    assert sorted(_labels(r.out)) == sorted(_expected(label, raw=True) for label in HOSTILE)
    # the style is the invocation's: the next command neutralises again
    again = cli("--data", data, "query", "units-by-activities", "-f", "csv", cache=cache)
    assert '\'=HYPERLINK("http://x")' in _labels(again.out)
    assert render._STYLE.get() is render.SPREADSHEET


def test_json_keeps_labels_exact(cli, hostile):
    import json

    data, cache = hostile
    r = cli("--data", data, "query", "units-by-activities", "-f", "json", cache=cache)
    assert r.code == 0, r.err
    assert {row["responsibleLabel"] for row in json.loads(r.out)} == set(HOSTILE)


def test_sparql_csv_is_neutralised_too(cli, hostile):
    data, cache = hostile
    r = cli("--data", data, "sparql", "SELECT ?a ?label WHERE { ?a a sg:Activity ; "
            "rdfs:label ?label }", "-f", "csv", cache=cache)
    assert r.code == 0, r.err
    table = list(csv.reader(io.StringIO(r.out)))
    assert sorted(row[1] for row in table[1:]) == sorted(_expected(label) for label in HOSTILE)


def test_excel_writes_bom_semicolons_crlf(hostile):
    """Exact bytes from a real process: the in-process runner reads stdout as text."""
    data, cache = hostile
    env = {k: v for k, v in os.environ.items() if k not in ("STYRGRAF_DATA", "LANG", "LC_ALL")}
    env.update(STYRGRAF_CACHE_DIR=str(cache), STYRGRAF_LANG="en")
    proc = subprocess.run([sys.executable, "-m", "styrgraf.cli", "--data", data, "query",
                           "units-by-activities", "-f", "csv", "--excel"],
                          capture_output=True, env=env, cwd=ROOT, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith(b"\xef\xbb\xbfresponsible;responsibleLabel;activities;")
    assert out.endswith(b"\r\n") and b"\n" not in out.replace(b"\r\n", b"")
    table = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(table) == len(HOSTILE) + 1
    labels = [row[1] for row in table[1:]]
    assert sorted(labels) == sorted(HOSTILE.values())


def test_excel_from_render_with_text_and_bytes():
    rows = Rows(["name", "score", "count"], [{"name": "=1+1", "score": 0.5, "count": -3},
                                              {"name": "a;b", "score": None, "count": 2}])
    binary = io.BytesIO()
    render.render(rows, "csv", "sv", binary, render.EXCEL)
    assert binary.getvalue() == ('\ufeffname;score;count\r\n\'=1+1;0,5;-3\r\n'
                                 '"a;b";;2\r\n').encode()
    text = io.StringIO(newline="")
    render.render(rows, "csv", "sv", text, render.EXCEL)
    assert text.getvalue().encode() == binary.getvalue()
    plain = io.BytesIO()
    render.render(rows, "csv", "sv", plain, render.RAW)
    assert plain.getvalue() == b'name,score,count\r\n=1+1,0.5,-3\r\na;b,,2\r\n'


@pytest.mark.parametrize(("args", "says"), [
    (("-f", "json", "--excel"), "--excel needs --format csv, not json"),
    (("--excel",), "not table"),
    (("-f", "csv", "--raw", "--excel"), "--raw and --excel do not go together"),
])
def test_excel_usage_errors_are_one_line(cli, args, says):
    r = cli("--data", MINI, "stats", *args)
    assert r.code == 2 and r.out == ""
    assert says in _one_error(r.err)


def test_every_command_with_format_takes_raw_and_excel():
    from styrgraf.cli.app import command

    root = command()
    for name, sub in root.commands.items():
        options = {o for p in sub.params for o in p.opts}
        takes_rows = "--format" in options and name != "export"
        assert ({"--raw", "--excel"} <= options) == takes_rows, name


# ---- -o writes through -------------------------------------------------------------------------

def _is_char_device(path: str) -> bool:
    return stat.S_ISCHR(os.stat(path).st_mode)


@pytest.mark.parametrize("args", [("viz", "-o", "/dev/null"), ("export", "-o", "/dev/null"),
                                  ("export", "--format", "nquads", "-o", "/dev/null")])
def test_dev_null_stays_a_device(cli, tmp_path, args):
    assert _is_char_device("/dev/null")
    r = cli("--data", MINI, *args, cache=tmp_path / "c", cwd=tmp_path)
    assert r.code == 0, r.err
    assert _is_char_device("/dev/null")
    assert list(Path("/dev").glob(".null.*.tmp")) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_full_device_is_one_line(cli, tmp_path):
    r = cli("--data", MINI, "export", "-o", "/dev/full", cache=tmp_path / "c")
    assert r.code == 1 and "no space left on device writing /dev/full" in _one_error(r.err)
    assert _is_char_device("/dev/full")


def test_symlink_is_written_through(cli, tmp_path):
    target = tmp_path / "real" / "kb.ttl"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "kb.ttl"
    link.symlink_to(Path("real") / "kb.ttl")  # a relative link
    r = cli("--data", MINI, "export", "-o", str(link), cache=tmp_path / "c")
    assert r.code == 0, r.err
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "kb.ttl")
    assert target.read_text(encoding="utf-8").startswith("@prefix")
    assert sorted(p.name for p in target.parent.iterdir()) == ["kb.ttl"]


def test_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "page.html"
    link.symlink_to(tmp_path / "new.html")
    with atomic_writer(link) as handle:
        handle.write(b"<p>ny</p>")
    assert link.is_symlink() and (tmp_path / "new.html").read_bytes() == b"<p>ny</p>"


@pytest.mark.parametrize("through_link", [False, True])
def test_read_only_file_is_refused(cli, tmp_path, through_link):
    target = tmp_path / "kb.ttl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o444)
    path = target
    if through_link:
        path = tmp_path / "link.ttl"
        path.symlink_to(target)
    r = cli("--data", MINI, "export", "-o", str(path), cache=tmp_path / "c")
    assert r.code == 2 and _one_error(r.err) == f"error: cannot write {path}: it is read-only"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "c") == sorted(
        {"kb.ttl", path.name})


def test_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="it is a folder"), atomic_writer(tmp_path):
        pass


@pytest.mark.parametrize("where", ["fsync", "write"])
def test_full_disk_is_one_line_and_keeps_the_old_file(tmp_path, monkeypatch, where):
    target = tmp_path / "kb.ttl"
    target.write_text("old\n", encoding="utf-8")
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def no_space(*_args):
        raise full

    if where == "fsync":
        monkeypatch.setattr("styrgraf.knowledge.atomic.os.fsync", no_space)
    said = f"^{re.escape(f'no space left on device writing {target}')}$"
    with pytest.raises(StyrgrafError, match=said), atomic_writer(target) as handle:
        handle.write(b"half")
        if where == "write":
            no_space()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.ttl"]


def test_other_write_errors_pass_unchanged(tmp_path):
    with pytest.raises(OSError, match="disk full"), atomic_writer(tmp_path / "x"):
        raise OSError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_descriptor_names_write_into_the_open_file(tmp_path):
    """/dev/fd/N (what /dev/stdout is) appends to what the shell opened, no rename."""
    target = tmp_path / "out.ttl"
    target.write_bytes(b"HEADER\n")
    inode = target.stat().st_ino
    with open(target, "ab") as shell_redirect, atomic_writer(
            Path(f"/dev/fd/{shell_redirect.fileno()}")) as handle:
        handle.write(b"body\n")
    assert target.read_bytes() == b"HEADER\nbody\n"
    assert target.stat().st_ino == inode and [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_pipe_and_fifo_are_written_directly(tmp_path):
    read_end, write_end = os.pipe()
    try:
        with atomic_writer(Path(f"/proc/self/fd/{write_end}")) as handle:
            handle.write(b"through the pipe")
    finally:
        os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        assert pipe.read() == b"through the pipe"

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with atomic_writer(fifo) as handle:
        handle.write(b"named pipe")
    reader.join(10)
    assert received == [b"named pipe"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_replacing_keeps_mode_and_owner(tmp_path):
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    target.chmod(0o640)
    os.chown(target, 4321, 4321)
    with atomic_writer(target) as handle:
        handle.write(b"new")
    info = target.stat()
    assert target.read_bytes() == b"new" and stat.S_IMODE(info.st_mode) == 0o640
    assert (info.st_uid, info.st_gid) == (4321, 4321)
