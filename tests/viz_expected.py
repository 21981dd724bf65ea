"""What the viz fixtures must give, shared by the unit and browser tests."""

from __future__ import annotations

from conftest import FIXTURES
from styrgraf.ontology.prefixes import expand

CHAIN = FIXTURES / "viz" / "chain"
HOSTILE = FIXTURES / "viz" / "hostile"


def iri(pname: str) -> str:
    full = expand(pname)
    assert full is not None, pname
    return full


def iris(*pnames: str) -> set[str]:
    return {iri(p) for p in pnames}

#: The nodes the chain fixture shows with the default classes.
CHAIN_DEFAULT = iris(
    "goal:malbild", "goal:trygg-stad", "dir:forebyggande", "dir:tillganglig",
    "strat:tidiga-insatser", "strat:na-grupper", "strat:kontakt",
    "act:faltchat", "act:kartlaggning", "act:utbildning",
    "actor:natverk-svf", "actor:natverk-barn", "actor:ec-falt", "actor:polisen",
    "actor:kommunfullmaktige", "actor:socialnamnden-centrum", "actor:socialnamnden-nordost",
    "actor:socialnamnderna", "asg:fritidsbanker", "asg:skolfam", "asg:nordost-eget",
    "resp:fritidsbanker--april", "resp:fritidsbanker--augusti", "resp:skolfam--april",
    "resp:skolfam--augusti", "prog:jamlik-stad", "ind:trygghet", "meth:samverkan",
    "actor:samverkan", "doc:plan", "doc:rapport-april", "doc:rapport-augusti")
