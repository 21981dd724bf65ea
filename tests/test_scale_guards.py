"""Work that cannot scale says so before it starts; long work reports progress."""

from __future__ import annotations

import re

from styrgraf.knowledge.sources import PACKAGED_DATA_DIR
from styrgraf.knowledge.store import open_knowledge


def test_a_page_too_big_for_a_browser_is_refused_with_advice(cli, tmp_path, monkeypatch):
    import styrgraf.viz.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_PAGE_NODES", 100)
    r = cli("viz", "-o", str(tmp_path / "g.html"))
    shown = re.search(r"the page would show (\d+) nodes", r.err)
    assert r.code == 2 and shown and int(shown[1]) > 100, r.err
    assert "--network" in r.err and not (tmp_path / "g.html").exists()
    narrowed = cli("viz", "--types", "LongTermDirection,Strategy", "-o", str(tmp_path / "g.html"))
    assert narrowed.code == 0, narrowed.err


def test_a_build_reports_progress_per_file(tmp_path):
    heard: list[tuple[str, int, int]] = []
    open_knowledge(PACKAGED_DATA_DIR, cache_dir=tmp_path / "c", rebuild=True,
                   progress=lambda *a: heard.append(a))
    files = [name for name, _, _ in heard]
    assert "003-verksamhetsplan-snn-2024.ttl" in files and "curation.ttl" in files
    assert heard[-1][1] == heard[-1][2] and all(d <= t for _, d, t in heard)


def test_no_bar_in_a_pipe():
    from styrgraf.cli.progress import build_progress

    with build_progress("x") as progress:
        assert progress is None  # pytest captures stderr: not a terminal
