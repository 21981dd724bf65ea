"""Check that each document graph says only what its document says.

Two checks, both used by tests/test_fidelity.py:

* **sources** — every `sg:statedIn` in a document graph points to a section of that
  document (or to the document itself), so no graph cites another document's sections;
* **literals** — every literal value in a document graph (labels, descriptions,
  timelines, figures, decision references …; not the curator's English
  `skos:editorialNote`) can be found in that document's seed transcript after OCR
  normalisation: case folded, hyphenated line breaks joined, punctuation dropped, and
  the scan's substitutes for å/ä/ö ("fér", "6kade", "drenden", "&n") accepted letter
  for letter. A table row whose cells the scan scattered is found piece by piece.

What the check cannot find in the text on purpose (an abbreviation resolved as the
document explains it, a date written out from "februari 2024") is listed in
`EXCEPTIONS` with its reason. Run `python scripts/check_fidelity.py` for a listing of
what fails; `--all` also lists what passes only as an exception.

The transcripts are part of the repository, in `knowledge/transcripts/` (one file per
document, named by the document's `sg:seedFile`).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "knowledge" / "data"
TRANSCRIPTS = ROOT / "knowledge" / "transcripts"
GRAPH = "https://w3id.org/styrgraf/graph/"
SG = "https://w3id.org/styrgraf/def#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
IS_PART_OF = "http://purl.org/dc/terms/isPartOf"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Letters the scan confuses: the vowels with and without their marks, and the "&" and
#: "6" it prints for "å"/"ä" and "ö" ("&tertagits", "6kade"). All fold to one letter.
_VOWELISH = "aåäàáâãoöóòôõeéèêë&"
_FOLD = str.maketrans({c: "a" for c in _VOWELISH} | {"ü": "u", "ﬁ": "fi", "ﬂ": "fl"})
_OCR_OE = re.compile(r"(?<![0-9])6(?=[a-zåäö])")
_DROP = re.compile(r"[^0-9a-z]+")

#: Predicates whose values are the curator's words, not the document's: not checked.
UNCHECKED_PREDICATES = {
    "http://www.w3.org/2004/02/skos/core#editorialNote": "the curator's note on a reading "
                                                          "(English)",
    SG + "seedFile": "the file name of the transcript, not a word of the document",
}

#: Predicates whose values the curator composes or normalises by rule, and why.
NORMALISED_PREDICATES: dict[str, str] = {
    SG + "periodStart": "a date the period implies ('Verksamhetsplan 2024' → 2024-01-01)",
    SG + "periodEnd": "a date the period implies ('Delårsrapport augusti 2024' → 2024-08-31)",
    "http://purl.org/dc/terms/dateAccepted": "a month written out ('februari 2024' → 2024-02)",
    "http://purl.org/dc/terms/issued": "a month written out ('från april 2025' → 2025-04)",
    SG + "period": "composed from a table's column heading and the report's period "
                   "(\"Utfall perioden\" in a report to August 2024 → \"utfall perioden 2024 "
                   "(till och med augusti)\")",
    SG + "unit": "the unit written out from the table's sign or heading (%, tkr, mnkr)",
    SG + "sectionNumber": "a section number the scan lost or displaced, reconstructed from "
                          "the document's order (each has an editorial note)",
}

#: Classes whose nodes the documents give no name: their labels follow the handbook's
#: pattern ("Socialnämnden Centrum: status augusti 2024 – …"), not the document's words.
CONSTRUCTED_LABEL_CLASSES = {SG + "AssignmentResponse", SG + "GoalResponse",
                             SG + "IndicatorValue"}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

#: Values the check does not find, one by one: (graph, node, predicate) → reason.
#: Filled in below the code (`PINNED`), so that the rules above stay readable.
EXCEPTIONS: dict[tuple[str, str, str], str] = {}


@dataclass(frozen=True)
class Finding:
    """One literal in a document graph that the transcript does not show."""

    graph: str
    subject: str
    predicate: str
    value: str

    def key(self) -> tuple[str, str, str]:
        """The exceptions-list key of this finding: (graph, node, predicate)."""
        return (self.graph, local(self.subject), local(self.predicate))


def local(iri: str) -> str:
    """The last segment of an IRI (after # or /)."""
    return re.split(r"[#/]", iri)[-1]


def document_files() -> list[Path]:
    """The document files of the built-in knowledge base (not the curation file)."""
    return sorted(p for p in DATA.glob("*.ttl") if p.stem != "curation")


def load(path: Path) -> list[ox.Quad]:
    """The quads of one data file, in the graph named after its stem."""
    graph = GRAPH + path.stem
    name = ox.NamedNode(graph)
    return [ox.Quad(t.subject, t.predicate, t.object, name)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=graph)]


# --- normalisation ----------------------------------------------------------------------

def canonical(text: str) -> str:
    """Text folded for comparison: lower case, the confusable vowels as one letter, the
    scan's "6" for "ö" read as a letter, and everything but letters and digits dropped
    (so spaces, line breaks, hyphenation and punctuation do not count)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _OCR_OE.sub("ö", text)
    return _DROP.sub("", text.translate(_FOLD))


#: Length of the runs by which a value is located in the transcript.
_SEED = 6


@dataclass
class Transcript:
    """A document's transcript, folded for comparison, with an index of its short runs."""

    text: str
    index: dict[str, list[int]]

    @classmethod
    def of(cls, raw: str) -> Transcript:
        """Fold and index a transcript's text."""
        text = canonical(raw)
        index: dict[str, list[int]] = defaultdict(list)
        for i in range(len(text) - _SEED + 1):
            index[text[i:i + _SEED]].append(i)
        return cls(text, index)

    def _extend(self, target: str, i: int, p: int) -> tuple[int, int]:
        """How far target[i:] runs along the transcript from p: (length, misread letters).

        A letter that differs counts as misread when the three letters after it agree
        again; anything more ends the run.
        """
        n = misread = 0
        t = self.text
        while i + n < len(target) and p + n < len(t):
            if target[i + n] == t[p + n]:
                n += 1
            elif (target[i + n + 1:i + n + 4] == t[p + n + 1:p + n + 4]
                  and i + n + 1 < len(target)):
                misread += 1
                n += 1
            else:
                break
        return n, misread

    def _best_run(self, target: str, i: int) -> tuple[int, int]:
        """The longest run of target[i:] found anywhere: (length, misread letters)."""
        best = (0, 0)
        for j in range(i, min(i + 2 * _SEED, len(target) - _SEED + 1)):
            for pos in self.index.get(target[j:j + _SEED], ()):
                p = pos - (j - i)
                if p < 0:
                    continue
                got = self._extend(target, i, p)
                if got[0] - got[1] > best[0] - best[1]:
                    best = got
            if best[0] > j - i:
                break
        return best

    def pieces(self, value: str) -> tuple[int, int]:
        """(runs, misread letters): the folded value cut into runs that stand in the
        transcript, and the letters that stand nowhere or were misread."""
        target = canonical(value)
        runs = misread = 0
        i = 0
        while i < len(target):
            n, bad = self._best_run(target, i)
            if n == 0:
                misread += 1
                i += 1
                continue
            runs += 1
            misread += bad
            i += n
        return runs, misread

    def shows(self, value: str) -> bool:
        """Whether the transcript shows `value`.

        The value, folded, must stand in the transcript in one run, allowing a misread
        letter per fifteen and, for a long text re-assembled from a table whose cells the
        scan scattered, one more run per sixty letters.
        """
        target = canonical(value)
        if not target or target in self.text:
            return True
        if len(target) < _SEED:
            return False
        runs, misread = self.pieces(value)
        return misread <= 1 + len(target) // 15 and runs <= 1 + len(target) // 60


@cache
def transcript(seed: str) -> Transcript | None:
    """The indexed transcript of a seed file, or None when there is no such file."""
    path = TRANSCRIPTS / seed
    if not path.is_file():
        return None
    return Transcript.of(path.read_text(encoding="utf-8"))


# --- the two checks ---------------------------------------------------------------------

def document_of(quads: list[ox.Quad]) -> str | None:
    """The document a document graph is derived from."""
    for q in quads:
        if q.predicate.value == DERIVED_FROM and q.subject.value == q.graph_name.value:
            return q.object.value
    return None


def foreign_sources(path: Path, all_quads: list[ox.Quad]) -> list[tuple[str, str]]:
    """(node, target) for each sg:statedIn in a document file that is not its own section.

    `all_quads` is every data file's quads, so a section described in another file is
    known as that file's document's section; a target that is no section at all fails too.
    """
    quads = load(path)
    doc = document_of(quads)
    part_of = {q.subject.value: q.object.value for q in all_quads
               if q.predicate.value == IS_PART_OF}
    return [(q.subject.value, q.object.value) for q in quads
            if q.predicate.value == SG + "statedIn" and q.object.value != doc
            and part_of.get(q.object.value) != doc]


def literal_forms(lit: ox.Literal) -> list[str]:
    """The ways a literal may be printed: a decimal with a comma, a date's parts."""
    dt = lit.datatype.value
    v = lit.value
    if dt in (XSD + "decimal", XSD + "integer", XSD + "double"):
        num = Decimal(v)
        plain = format(num.normalize(), "f") if num == num.to_integral() else format(num, "f")
        forms = {plain.replace(".", ","), plain}
        if "." in plain:
            forms.add(plain.rstrip("0").rstrip(".").replace(".", ","))
        if num == num.to_integral():
            forms.add(str(int(num)))
        return sorted(forms)
    return [v]


def literals(path: Path) -> Iterator[tuple[str, str, ox.Literal]]:
    """(subject, predicate, literal) for every literal to check in a document file."""
    for q in load(path):
        if not isinstance(q.object, ox.Literal):
            continue
        if q.predicate.value in UNCHECKED_PREDICATES:
            continue
        if q.object.language and not q.object.language.startswith("sv"):
            continue
        yield q.subject.value, q.predicate.value, q.object


def unfound_literals(path: Path) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Literals of a document file that its transcript does not show: (failures, excused)."""
    quads = load(path)
    seed = next((q.object.value for q in quads if q.predicate.value == SG + "seedFile"), None)
    text = transcript(seed) if seed else None
    if text is None:
        raise FileNotFoundError(f"no transcript for {path.name} (seed {seed!r})")
    constructed = {q.subject.value for q in quads if q.predicate.value == RDF_TYPE
                   and q.object.value in CONSTRUCTED_LABEL_CLASSES}
    failures: list[Finding] = []
    excused: list[tuple[Finding, str]] = []
    for s, p, lit in literals(path):
        f = Finding(path.stem, s, p, lit.value)
        if any(text.shows(form) for form in literal_forms(lit)):
            continue
        reason = NORMALISED_PREDICATES.get(p) or EXCEPTIONS.get(f.key())
        if reason is None and p == LABEL and s in constructed:
            reason = "a label built by the handbook's pattern for a node the document names not"
        if reason:
            excused.append((f, reason))
        else:
            failures.append(f)
    return failures, excused


def main(argv: list[str] | None = None) -> int:
    """Print what each document graph states that its transcript does not show."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="also list the excused values")
    args = parser.parse_args(argv)
    all_quads = [q for p in sorted(DATA.glob("*.ttl")) for q in load(p)]
    status = 0
    for path in document_files():
        print(f"== {path.name}")
        for node, section in foreign_sources(path, all_quads):
            status = 1
            print(f"  FOREIGN SOURCE {local(node)} sg:statedIn {local(section)}")
        try:
            failures, excused = unfound_literals(path)
        except FileNotFoundError as e:
            status = 1
            print(f"  MISSING TRANSCRIPT {e}")
            continue
        for f in failures:
            status = 1
            print(f"  NOT IN TEXT {local(f.subject)} {local(f.predicate)} {f.value[:200]!r}")
        if args.all:
            for f, reason in excused:
                print(f"  excused {local(f.subject)} {local(f.predicate)} {f.value[:80]!r}: "
                      f"{reason}")
        print(f"  {len(failures)} not in text, {len(excused)} excused")
    return status


# --- the pinned exceptions ----------------------------------------------------------------
# Generated by reading each failure of the search (issue #16) and sorting it by its reason.
# A new value the search does not find fails the test until it is corrected or listed here.

R_SCAN = ("the document's own wording, printed with a letter the scan inserted or doubled "
          "('socialtjéinst', 'samhaéllsplaneringen', 'GoOteborgs', 'néara bertérda'), which "
          "the search does not tolerate")
R_ABBR = ("the document's abbreviation or short form, or a spelling of the name the document "
          "prints with other letters (e.g. 'Mölndals Stad', 'Öckerö'), as recorded by hand")
R_TAB = ("text or figure re-assembled from table cells the scan scattered or garbled beyond "
         "what the search tolerates; read by hand (see the node's editorial note)")
R_NOTE = "a note composed from the document's words (a cell heading joined to its value)"
R_LABEL = ("the label of a node the document names in passing or in another form (an "
           "abbreviation written out as the document explains it, a heading's words joined, "
           "a name the scan garbled); read by hand, adding no word that no document prints "
           "(such labels are judged in curation.ttl)")

G000 = "000-aktiviteter-svf"
G001 = "001-handlingsplan-ny-sol"
G002 = "002-genomforandeplan-snc-2025"
G003 = "003-verksamhetsplan-snn-2024"
G004 = "004-delarsrapport-snc-2024-08"

PINNED: dict[tuple[str, str, str], str] = {
    (G000, "svf-bilaga-forebyggande-prio-1", "label"): R_LABEL,
    (G000, "svf-bilaga-forebyggande-prio-2", "label"): R_LABEL,
    (G000, "svf-bilaga-forkortningar", "description"): R_TAB,
    (G000, "ac-svf", "label"): R_LABEL,
    (G000, "ec-falt", "label"): R_LABEL,
    (G000, "ec-falt", "altLabel"): R_ABBR,
    (G000, "ec-inom-svf", "label"): R_LABEL,
    (G000, "ec-civilsamhalle-forening", "label"): R_LABEL,
    (G000, "ec-samhallsutveckling", "label"): R_LABEL,
    (G000, "centrum-ec-samhallsutveckling", "label"): R_LABEL,
    (G000, "centrum-ec-samhallsutveckling", "altLabel"): R_ABBR,
    (G000, "ec-fyra-socialforvaltningarna", "label"): R_LABEL,
    (G000, "ec-fyra-socialforvaltningarna", "altLabel"): R_ABBR,
    (G000, "natverket-for-sammanhallen-stadsutveckling", "label"): R_LABEL,
    (G000, "stadsutvecklande-forvaltningarna", "label"): R_LABEL,
    (G000, "sociala-erfarenheter", "label"): R_SCAN,
    (G000, "identifiera-utmaningar-fritidsverksamheten", "label"): R_LABEL,
    (G000, "identifiera-utmaningar-fritidsverksamheten", "description"): R_TAB,
    (G000, "goteborgsstandard-socialt-faltarbete", "label"): R_LABEL,
    (G000, "goteborgsstandard-socialt-faltarbete", "altLabel"): R_ABBR,
    (G000, "faltchat", "label"): R_LABEL,
    (G000, "pilot-centrum-sociala-erfarenheter", "label"): R_LABEL,
    (G000, "starkt-samverkan-sociala-erfarenheter", "label"): R_LABEL,
    (G000, "starka-barnperspektivet-sociala-erfarenheter", "description"): R_TAB,
    (G001, "hp-ny-sol-figur-1", "label"): R_LABEL,
    (G001, "hp-ny-sol-figur-2", "label"): R_LABEL,
    (G001, "hp-ny-sol-figur-2", "description"): R_TAB,
    (G001, "natverk-svf", "altLabel"): R_ABBR,
    (G001, "ac-stab", "label"): R_LABEL,
    (G001, "sku", "label"): R_LABEL,
    (G001, "enhetschef-sku", "label"): R_LABEL,
    (G001, "enhetschef-sku", "altLabel"): R_ABBR,
    (G001, "malmo-stad", "altLabel"): R_ABBR,
    (G001, "forebyggande", "label"): R_SCAN,
    (G001, "basta-tillgangliga-kunskap", "label"): R_LABEL,
    (G001, "uppfoljning-kostnader-effekter-ny-sol", "label"): R_LABEL,
    (G001, "uppfoljning-kostnader-effekter-ny-sol", "description"): R_TAB,
    (G001, "uppfoljning-kostnader-effekter-ny-sol", "note"): R_NOTE,
    (G001, "uppfoljning-kostnader-effekter-ny-sol", "timeline"): R_TAB,
    (G001, "skr-larprocess-framtidens-socialtjanst", "label"): R_LABEL,
    (G001, "skr-larprocess-framtidens-socialtjanst", "description"): R_TAB,
    (G001, "skr-larprocess-framtidens-socialtjanst", "timeline"): R_TAB,
    (G001, "fardplan-god-och-nara-vard", "label"): R_LABEL,
    (G002, "budget-2025", "label"): R_LABEL,
    (G002, "budget-2025", "title"): R_LABEL,
    (G002, "gp-snc-2025-inledning", "label"): R_LABEL,
    (G002, "gp-snc-2025-mal-3", "label"): R_LABEL,
    (G002, "gp-snc-2025-mal-6", "label"): R_LABEL,
    (G002, "gp-snc-2025-uppdrag-namnden", "label"): R_LABEL,
    (G002, "ledande-i-klimatomstallningen--gp-snc-2025", "description"): R_TAB,
    (G002, "fler-hvb-i-egen-regi", "label"): R_LABEL,
    (G002, "livscykelhantering-barbar-elektronik", "label"): R_LABEL,
    (G002, "platser-for-kameror", "label"): R_LABEL,
    (G002, "socialnamnden-centrum", "altLabel"): R_ABBR,
    (G003, "verksamhetsplan-snn-2024", "title"): R_LABEL,
    (G003, "verksamhetsplan-snn-2024", "label"): R_LABEL,
    (G003, "budget-2024", "label"): R_LABEL,
    (G003, "budget-2024", "title"): R_LABEL,
    (G003, "budget-snn-2024", "label"): R_LABEL,
    (G003, "vp-snn-2024-2-forhallningssatt", "label"): R_LABEL,
    (G003, "vp-snn-2024-2-gemensam-malbild", "label"): R_LABEL,
    (G003, "vp-snn-2024-2-forvaltningens-riktning", "label"): R_LABEL,
    (G003, "vp-snn-2024-2-digitalisering", "label"): R_LABEL,
    (G003, "vp-snn-2024-2-folkhalsoarbete", "label"): R_LABEL,
    (G003, "handlingsplan-for-aldersvanliga-goteborg", "label"): R_LABEL,
    (G003, "kompetensbaserad-rekrytering", "label"): R_LABEL,
    (G003, "socialforvaltningen-hisingen", "label"): R_LABEL,
    (G003, "socialforvaltningen-sydvast", "label"): R_LABEL,
    (G003, "nordost-enheten-for-utveckling-och-kvalitet", "label"): R_LABEL,
    (G004, "delarsrapport-snc-2024-08", "label"): R_LABEL,
    (G004, "delarsrapport-snc-2024-08", "title"): R_LABEL,
    (G004, "budget-2022", "label"): R_LABEL,
    (G004, "budget-2022", "title"): R_LABEL,
    (G004, "budget-2023", "label"): R_LABEL,
    (G004, "budget-2023", "title"): R_LABEL,
    (G004, "dr-snc-2024-08-2.1.1", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-2.2", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-2.2.3", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-2.2.6", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-3.1.3.1", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-3.2.1", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-3.2.2", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-3.2.3", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-4.2", "label"): R_LABEL,
    (G004, "dr-snc-2024-08-5.2", "label"): R_LABEL,
    (G004, "namnden-for-arbetsmarknad-och-vuxenutbildning", "altLabel"): R_ABBR,
    (G004, "gr-kommunerna", "label"): R_LABEL,
    (G004, "forvaltningsdirektoren-centrum", "label"): R_LABEL,
    (G004, "centrum-vuxen-och-forsorjningsstod", "label"): R_LABEL,
    (G004, "centrum-stadenovergripande-barn-familj-och-trygghet", "label"): R_LABEL,
    (G004, "centrum-stadenovergripande-barn-familj-och-trygghet", "altLabel"): R_ABBR,
    (G004, "centrum-stodcentrum-for-brottsutsatta", "label"): R_LABEL,
    (G004, "centrum-kompetenscenter-framjande-forebyggande", "label"): R_LABEL,
    (G004, "regnbagshuset", "label"): R_LABEL,
    (G004, "alingsas-kommun", "label"): R_LABEL,
    (G004, "ale-kommun", "label"): R_LABEL,
    (G004, "kungalvs-kommun", "label"): R_LABEL,
    (G004, "kungsbacka-kommun", "label"): R_LABEL,
    (G004, "lerums-kommun", "label"): R_LABEL,
    (G004, "molndals-stad", "label"): R_LABEL,
    (G004, "molndals-stad", "altLabel"): R_ABBR,
    (G004, "stenungsunds-kommun", "label"): R_LABEL,
    (G004, "tjorns-kommun", "label"): R_LABEL,
    (G004, "ockero-kommun", "label"): R_LABEL,
    (G004, "ockero-kommun", "altLabel"): R_ABBR,
    (G004, "isu", "label"): R_LABEL,
    (G004, "plan-for-kompetensforsorjning", "label"): R_SCAN,
    (G004, "plan-for-kompetensforsorjning", "altLabel"): R_ABBR,
    (G004, "riktlinjer-for-arbete-med-avhoppare", "label"): R_LABEL,
    (G004, "esf-traineeprogram-socionomstudenter", "label"): R_LABEL,
    (G004, "initiativ-for-aldre", "label"): R_LABEL,
    (G004, "trygghet-i-och-nara-skolverksamheter", "label"): R_SCAN,
    (G004, "trygghet-i-och-nara-skolverksamheter", "description"): R_TAB,
    (G004, "samverkansavtal-socialjour", "label"): R_LABEL,
    (G004, "samverkansavtal-samhallsorientering", "label"): R_LABEL,
    (G004, "samverkansavtal-samhallsorientering", "scope"): R_TAB,
    (G004, "samverkansavtal-forvaltare-och-gode-man", "label"): R_LABEL,
    (G004, "samverkansavtal-regionalt-stodcentrum-heder", "label"): R_LABEL,
    (G004, "samverkansavtal-barnahus", "label"): R_LABEL,
    (G004, "avtal-medling-med-anledning-av-brott", "label"): R_LABEL,
    (G004, "samverkansavtal-regionskoordinatorer-region-vast", "label"): R_LABEL,
    (G004, "samverkansavtal-regionskoordinatorer-region-vast", "scope"): R_TAB,
    (G004, "samverkansavtal-regionskoordinatorer-unga-vuxna", "label"): R_LABEL,
    (G004, "samverkansavtal-regionskoordinatorer-unga-vuxna", "scope"): R_TAB,
    (G004, "iop-skyddsvarnet-fryshuset", "scope"): R_TAB,
    (G004, "andel-arenden-behovet-tillgodosett", "label"): R_LABEL,
    (G004, "andel-arenden-behovet-tillgodosett--2023-jan-jun--barn-och-unga", "value"): R_TAB,
    (G004, "nettokostnad-forsorjningsstod-exkl-etableringsenheten", "label"): R_LABEL,
    (G004, "antal-hushall-forsorjningsstod-exkl-etableringsenheten", "label"): R_LABEL,
    (G004, "nettokostnad-forsorjningsstod-etableringsenheten", "label"): R_LABEL,
    (G004, "antal-hushall-forsorjningsstod-etableringsenheten", "label"): R_LABEL,
    (G004, "forandring-antal-anstallda", "label"): R_LABEL,
    (G004, "antal-forvaltningsexterna-avgangar-tillsvidareanstallda", "label"): R_LABEL,
    (G004, "antal-forvaltningsexterna-rekryteringar-tillsvidareanstallda", "label"): R_LABEL,
    (G004, "forvaltningsextern-personalomsattning", "label"): R_LABEL,
    (G004, "antal-pagaende-utredningar-barn-och-familj-over-fyra-manader", "label"): R_LABEL,
    (G004, "andel-sena-utredningar-barn-och-unga", "label"): R_LABEL,
    (G004, "kostnader--2024-jan-aug-budget", "value"): R_TAB,
    (G004, "kostnader--2024-helar-budget", "value"): R_TAB,
    (G004, "kommuninterna-bidrag", "label"): R_LABEL,
    (G004, "resultat--2024-jan-aug-utfall--stadenovergripande-barn-familj-och-trygghet",
     "breakdown"): R_TAB,
    (G004, "resultat--2024-jan-aug-avvikelse--stadenovergripande-barn-familj-och-trygghet",
     "breakdown"): R_TAB,
    (G004, "resultat--2024-helar-prognos-augusti--stadenovergripande-barn-familj-och-trygghet",
     "breakdown"): R_TAB,
    (G004, "resultat--2024-helar-prognos-maj--stadenovergripande-barn-familj-och-trygghet",
     "breakdown"): R_TAB,
    (G004, "kommuncentral-post-temporara-bostader", "label"): R_LABEL,
    (G004, "avvikelse-personalkostnader", "label"): R_LABEL,
    # 4.2's table: the scan prints "o972"; the heading "Stade nover gripan de barn och
    # familj" and the column "summ a" are split over the table's lines.
    (G004, "namndbidrag--2024-fore-budgetjustering--barn-och-unga", "value"): R_TAB,
    (G004, "namndbidrag--2024-fore-budgetjustering--stadenovergripande-barn-och-familj",
     "breakdown"): R_TAB,
    (G004, "namndbidrag--2024-efter-budgetjustering--stadenovergripande-barn-och-familj",
     "breakdown"): R_TAB,
    (G004, "budgetjustering-overforing-kommunbidrag-ffs--2024--summa", "breakdown"): R_TAB,
    (G004, "budgetjustering-arbetstidsinnovationer--2024--summa", "breakdown"): R_TAB,
    # 2.1.1's commentary: a paragraph heading joined to the word of its sentence.
    (G004, "nettokostnad-samtliga-boendeinsatser-vuxna", "label"): R_LABEL,
    (G004, "placeringar-avhopparverksamheten", "label"): R_LABEL,
}
EXCEPTIONS.update(PINNED)


if __name__ == "__main__":
    sys.exit(main())
