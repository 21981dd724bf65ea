"""One `styrgraf duplicates` request from start to end, so that the CLI only parses and prints.

Checks the request before any work (a bad --input row or a suggestions file
aimed at the knowledge directory fails fast), loads the items from the
knowledge base or the CSV file, finds the pairs and writes the suggestions.
More than `max_pairs` pairs stop the search with advice in the CLI's words
(TooManyPairs, exit code 2); `progress` follows the search for a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from styrgraf.knowledge.errors import InputError
from styrgraf.knowledge.gcpause import pausing
from styrgraf.knowledge.store import KnowledgeBase

from .defaults import DEFAULT_MAX_PAIRS, DEFAULT_THRESHOLD, KIND_NAMES
from .findings import Findings, TooManyPairs
from .items import Item, has_groups, read_csv
from .kept import kept_findings
from .options import Options


@dataclass(frozen=True)
class Request:
    """What the user asked for."""

    threshold: float = DEFAULT_THRESHOLD
    across: str | None = None
    include_merged: bool = False
    kinds: str | None = None  # "activity,assignment"; None means all
    input_file: Path | None = None
    suggestions_file: Path | None = None
    max_pairs: int | None = DEFAULT_MAX_PAIRS  # None: no limit


@dataclass
class Result:
    """The findings, and how many candidates went to the suggestions file (if one was asked)."""

    findings: Findings
    written: int | None = None
    from_knowledge_base: bool = True


def parse_kinds(text: str | None) -> list[str]:
    """"activity,response" → ["activity", "response"]; None → every kind."""
    if text is None:
        return list(KIND_NAMES)
    kinds = [k.strip().lower() for k in text.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KIND_NAMES]
    if unknown or not kinds:
        raise InputError(f"--kinds: unknown kind {', '.join(unknown) or '(none given)'}; "
                         f"choose from {', '.join(KIND_NAMES)}, separated by commas")
    return list(dict.fromkeys(kinds))


@pausing
def run(request: Request, open_kb: Callable[[], KnowledgeBase],
        knowledge_dir: Callable[[], Path], *,
        progress: Callable[[int, int], None] | None = None) -> Result:
    """Load, find, and write suggestions; `open_kb` is only called in knowledge-base mode.

    `progress(rows done, rows total)` is find_duplicates's progress callback.
    """
    if not 0.0 < request.threshold <= 1.0:
        raise InputError(f"--threshold must be greater than 0 and at most 1, "
                         f"got {request.threshold:g}")
    if request.max_pairs is not None and request.max_pairs < 1:
        raise InputError(f"max_pairs must be at least 1, got {request.max_pairs}")
    options = Options(threshold=request.threshold, across=request.across,
                      include_merged=request.include_merged, max_pairs=request.max_pairs)
    if request.input_file is None:
        kinds = parse_kinds(request.kinds)
        kb = open_kb()
        _check_target(request, kb.sources.directory)
        settings = (tuple(kinds), request.threshold, request.across, request.include_merged,
                    request.max_pairs)

        def search() -> Findings:
            from .mentions import load_mentions

            return _find(load_mentions(kb.store, kinds), options, request, progress)

        findings = kept_findings(kb.path, settings, search)
    else:
        items = _csv_items(request)
        _check_target(request, knowledge_dir())
        findings = _find(items, options, request, progress)
    result = Result(findings, from_knowledge_base=request.input_file is None)
    if request.suggestions_file is not None:
        from .suggestions import write_suggestions

        result.written = write_suggestions(request.suggestions_file, findings.matches,
                                           threshold=request.threshold)
    return result


def _check_target(request: Request, directory: Path) -> None:
    if request.suggestions_file is not None:
        from .suggestions import check_target

        check_target(request.suggestions_file, directory)


def _find(items: list[Item], options: Options, request: Request,
          progress: Callable[[int, int], None] | None) -> Findings:
    from .finder import find_duplicates

    try:
        return find_duplicates(items, options, progress=progress)
    except TooManyPairs as e:
        advice = ("raise --threshold or narrow with --kinds/--across"
                  if request.input_file is None else
                  "raise --threshold, narrow with --across or compare fewer rows of --input")
        raise TooManyPairs(e.limit, e.threshold, advice) from None


def _csv_items(request: Request) -> list[Item]:
    assert request.input_file is not None
    if request.kinds is not None:
        raise InputError("--kinds chooses node kinds of the knowledge base; it does not apply "
                         "to an --input file")
    items = read_csv(request.input_file)
    if request.across and not has_groups(items):
        raise InputError(f"{request.input_file}: --across needs a 'group' column with values")
    return items
