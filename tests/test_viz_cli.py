"""`styrgraf viz` as a command: where it writes, what it prints, how it refuses bad input."""

from __future__ import annotations

import re

from conftest import FIXTURES

CHAIN = str(FIXTURES / "viz" / "chain")


def test_writes_the_default_file_in_the_current_folder(cli, tmp_path):
    r = cli("--data", CHAIN, "viz", cwd=tmp_path)
    assert r.code == 0, r.err
    page = tmp_path / "styrgraf-graph.html"
    assert r.out.strip() == str(page.resolve())
    assert "10 nodes, 9 relations, 5 with gaps" in r.err  # the goal chain
    force = cli("--data", CHAIN, "viz", "--layout", "force", "-o", str(tmp_path / "f.html"))
    assert "32 nodes, 39 relations, 6 with gaps" in force.err
    (tmp_path / "f.html").unlink()
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert [p.name for p in tmp_path.iterdir()] == ["styrgraf-graph.html"]  # no lib/ folder


def test_output_option_and_no_gaps(cli, tmp_path):
    out = tmp_path / "graf.html"
    r = cli("--data", CHAIN, "viz", "-o", str(out), "--no-gaps", "--lang", "sv")
    assert r.code == 0, r.err
    assert r.out.strip() == str(out.resolve()) and "with gaps" not in r.err
    assert '<html lang="sv">' in out.read_text(encoding="utf-8")


def _one_line_error(r) -> str:
    lines = [line for line in r.err.splitlines() if line.strip()]
    assert r.code == 2, (r.code, r.err)
    assert len(lines) == 1 and "Traceback" not in r.err, r.err
    return lines[0]


def test_ambiguous_label_lists_the_candidates(cli, tmp_path):
    line = _one_line_error(cli("--data", CHAIN, "viz", "--focus", "Samverkan", cwd=tmp_path))
    assert "2 nodes are named 'Samverkan'" in line
    assert "actor:samverkan" in line and "meth:samverkan" in line
    assert not (tmp_path / "styrgraf-graph.html").exists()


def test_bad_input_is_one_line_and_exit_2(cli, tmp_path):
    cases = [
        (("--focus", "Ingen sådan nod"), "no node is named"),
        (("--focus", "act:finns-inte"), "no node 'act:finns-inte'"),
        (("--types", "Strategy,Frobnicator"), "unknown type 'Frobnicator'; valid types: Vision"),
        (("--depth", "2"), "--depth needs --focus"),
        (("--network", "actor:socialnamnden-centrum"), "is not a network (it is: committee)"),
        (("--committee", "Polisen"),
         "is not a committee or municipal company or group of organisations "
         "(it is: partner organisation)"),
        (("--focus", "sec:plan-1"), "not among the nodes shown"),
        (("--network", "Nätverket Finns Inte"), "no node is named 'Nätverket Finns Inte'"),
        (("--network", "Nätverket Barn och unga", "--committee", "Socialnämnden Nordost"),
         "nothing matches both --network 'Nätverket Barn och unga' and --committee"),
        (("-o", str(tmp_path / "saknas" / "x.html")), "does not exist"),
    ]
    for args, message in cases:
        line = _one_line_error(cli("--data", CHAIN, "viz", *args, cwd=tmp_path))
        assert message in line, (args, line)
    r = cli("--data", CHAIN, "viz", "--layout", "spiral", cwd=tmp_path)
    assert r.code == 2 and "spiral" in r.err
    r = cli("--data", CHAIN, "viz", "--depth", "-1", "--focus", "act:faltchat", cwd=tmp_path)
    assert r.code == 2
    assert list(tmp_path.iterdir()) == []


def test_an_empty_network_is_said_in_words_and_drawn_as_gaps(cli, tmp_path):
    out = tmp_path / "barn.html"
    r = cli("viz", "--network", "Nätverket Barn och unga", "-o", str(out), "--lang", "en")
    assert r.code == 0, r.err
    lines = [line for line in r.err.splitlines() if line.strip() and "built the store" not in line]
    count = cli("sparql", "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?t { "
                "sg:LongTermDirection sg:Strategy } ?s a ?t }", "-f", "csv").out.split()[-1]
    assert lines[0] == (f"the network 'Nätverket Barn och unga' lists no activity: all {count} "
                        "directions and strategies are gaps for it"), lines
    assert f"{count} with gaps" in lines[1]
    assert 'id="notice"' in out.read_text(encoding="utf-8")
    sv = cli("viz", "--network", "Nätverket Barn och unga", "-o", str(out), "--lang", "sv")
    assert "nätverket 'Nätverket Barn och unga' listar ingen aktivitet" in sv.err


def test_help_lists_options_and_examples(cli):
    r = cli("viz", "--help")
    assert r.code == 0
    for option in ("--output", "--focus", "--depth", "--types", "--network", "--committee",
                   "--layout", "--no-gaps", "--lang"):
        assert option in r.out
    assert "Examples" in r.out and re.search(r"styrgraf viz --focus", r.out)
