"""Word lists for quotes: speech verbs (the cues), speaker nouns and pronouns.

The speech-verb lexicon is also the evaluation's definition of a *speech* attribution
(evaluate.py), so what newsgraph extracts and what it is scored on are the same thing:
verbs of saying and communicating, not of believing, wanting or showing.
"""

from __future__ import annotations

import re

# Verbs whose subject is a speaker and whose clause (or quote) is what was said.
SPEECH_VERBS = frozenset("""
    say tell add warn deny insist claim state declare announce explain note argue assert
    reply respond answer ask write tweet post report confirm acknowledge admit concede
    suggest predict promise pledge vow threaten allege maintain stress emphasize emphasise
    recall remark comment complain continue repeat reiterate quip joke mention observe
    contend counter retort caution boast lament disclose reveal testify assure inform
    conclude proclaim charge shout yell whisper mutter exclaim tout brag estimate
    affirm indicate signal
""".split())

# Of those, verbs that are cues only next to a quotation ("“...,” he continued"), never with a
# clause of their own ("the talks continued").
ADJACENT_ONLY = frozenset("continue".split())
# Verb forms the tagger often reads as plural nouns ("he notes", "the ad states").
NOUN_TAGGED = frozenset("says adds notes writes tweets states claims warns insists explains tells argues asks recalls".split())

# Of those, verbs that also take their content as a direct object ("announced a ceasefire"),
# and verbs that do so only when the object carries a clause ("denied reports that he fled",
# not "denied him a visa").
OBJECT_CONTENT = frozenset("announce acknowledge confirm reveal".split())
CLAUSAL_OBJECT = frozenset("deny admit disclose predict promise pledge dismiss reject".split())
# Verbs whose content may be an infinitive ("vowed to fight back").
XCOMP_CONTENT = frozenset("promise pledge vow threaten warn claim".split())
# Verbs that are speech only with their particle ("pointed out").
PARTICLE_VERBS = {"point": "out"}

# Inflected forms for matching cue *text* without a parser (gold cues in evaluation).
_IRREGULAR = {"say": ["said", "says", "saying"], "tell": ["told", "tells", "telling"],
              "write": ["wrote", "written", "writes", "writing"],
              "quip": ["quips", "quipped", "quipping"]}


def _forms(lemma: str) -> list[str]:
    if lemma in _IRREGULAR:
        return [lemma, *_IRREGULAR[lemma]]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if re.search(r"[^aeiou][aeiou][pt]$", lemma) and lemma not in {"comment", "repeat", "counter"}:
        stem = lemma + lemma[-1]  # admit -> admitted, quip -> quipped
    third = lemma[:-1] + "ies" if lemma.endswith("y") and lemma[-2] not in "aeiou" else (
        lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s")
    past = lemma[:-1] + "ied" if lemma.endswith("y") and lemma[-2] not in "aeiou" else (
        lemma + "d" if lemma.endswith("e") else stem + "ed")
    return [lemma, third, past, stem + "ing"]


SPEECH_FORMS = frozenset(f for v in SPEECH_VERBS for f in _forms(v))
_WORD = re.compile(r"[a-z]+")


def is_speech_cue(cue: str | None) -> bool:
    """Whether a cue's text names a speech act: a speech-verb form, or "according to"."""
    if not cue:
        return False
    words = _WORD.findall(cue.lower())
    if "according" in words:
        return True
    if any(w in SPEECH_FORMS for w in words):
        return True
    return any(p in words and any(w in _forms(v) for w in words) for v, p in PARTICLE_VERBS.items())


PERSON_PRONOUNS = frozenset("he she him her".split())
GROUP_PRONOUNS = frozenset("they it we them".split())
RELATIVE_PRONOUNS = frozenset("who which that".split())

# Head nouns of titles and unnamed sources, and the sector each implies.
TITLE_SECTORS = {
    "president": "GOV", "minister": "GOV", "secretary": "GOV", "spokesman": "GOV",
    "spokeswoman": "GOV", "spokesperson": "GOV", "official": "GOV", "ambassador": "GOV",
    "envoy": "GOV", "diplomat": "GOV", "premier": "GOV", "chancellor": "GOV", "king": "GOV",
    "prince": "GOV", "governor": "GOV", "senator": "LEG", "lawmaker": "LEG", "mayor": "GOV",
    "adviser": "GOV", "advisor": "GOV", "aide": "GOV", "leader": None, "chief": None,
    "general": "MIL", "commander": "MIL", "officer": "MIL", "colonel": "MIL", "admiral": "MIL",
    "source": None, "analyst": None, "expert": None, "witness": None, "resident": None,
    "spokesmen": "GOV", "officials": "GOV", "sources": None, "diplomats": "GOV", "aides": "GOV",
    "ministry": "GOV", "government": "GOV", "kremlin": "GOV", "army": "MIL", "military": "MIL",
    "rebels": "REB", "militants": "REB", "opposition": "OPP", "agency": "MED", "television": "MED",
}
PERSON_NOUNS = frozenset(k for k in TITLE_SECTORS if k not in {
    "ministry", "government", "kremlin", "army", "military", "rebels", "militants", "opposition",
    "agency", "television"})
# Modifiers a title shares with its antecedent only loosely: never block a match on them.
SOFT_MODIFIERS = frozenset("the a an his her its their former senior top new then deputy acting".split())
