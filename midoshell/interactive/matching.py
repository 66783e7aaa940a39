"""Matching the word being typed against candidates: prefix first, then fuzzy, case ignored.

Pure and quick: it runs over every candidate on each keystroke, ten thousand objects at
times, so candidates are matched in runs of one kind with comprehensions, and only the
matches that will be shown become (candidate, text) pairs.
"""

import heapq
import re
from itertools import groupby
from operator import attrgetter, itemgetter

# Kinds whose words may be typed after `!` (inverted match) or inside a comma-separated list.
_VALUE_KINDS = ("value", "object")
_PATTERNS = {}


def split_partial(partial, kind):
    """(kept prefix, the part matched): `!` and list items before a comma stay as typed."""
    if kind not in _VALUE_KINDS:
        return "", partial
    keep = ""
    if partial.startswith("!"):
        keep, partial = "!", partial[1:]
    if kind == "object" and "," in partial:
        head, _, partial = partial.rpartition(",")
        keep += head + ","
    return keep, partial


def subsequence(needle):
    """A regex finding the needle's letters in order, each at its next occurrence.

    `r[^t]*t[^r]*r` rather than `r.*?t.*?r`: it cannot backtrack, so a word that does not
    match fails in linear time, which is most of ten thousand words.
    """
    pattern = _PATTERNS.get(needle)
    if pattern is None:
        pattern = re.compile(re.escape(needle[0]) + "".join(
            f"[^{re.escape(ch)}]*{re.escape(ch)}" for ch in needle[1:]))
        if len(_PATTERNS) > 256:
            _PATTERNS.clear()
        _PATTERNS[needle] = pattern
    return pattern


def rank(candidates, partial, limit=None):
    """(best matches as (candidate, text to insert), how many match in all).

    Prefix matches come in offer order, then fuzzy ones (letters in order, anywhere),
    tightest first.  One letter matches by prefix only: found anywhere, it would match
    nearly every word.  The same text offered twice is kept once.
    """
    runs = []
    for kind, group in groupby(candidates, key=attrgetter("kind")):
        keep, typed = split_partial(partial, kind)
        runs.append((keep, typed.lstrip("\"'").lower(), list(group)))
    hits = [(keep, [c for c in run if c.folded.startswith(needle)]) for keep, needle, run in runs]
    total = sum(len(found) for _, found in hits)
    out = _take([(keep, c) for keep, found in hits for c in found[:limit]], limit)
    fuzzy_runs = [r for r in runs if len(r[1]) > 1]
    if limit is not None and total >= limit:
        # Enough to show: the fuzzy matches are only counted (the count is before dropping
        # repeated words, which are few: a collection also named as a field).
        return out, total + _count_fuzzy(fuzzy_runs)
    if limit is None:
        fuzzy = sorted(_fuzzy(fuzzy_runs), key=itemgetter(0))
        out = _take([(keep, c) for _, keep, c in fuzzy], None, out)
        return out, len(out)
    # Only the best few are kept while the rest stream by: thousands of short-lived tuples
    # would otherwise pile up for the garbage collector on every keystroke.
    best = heapq.nsmallest(limit - len(out), _fuzzy(fuzzy_runs), key=itemgetter(0))
    return _take([(keep, c) for _, keep, c in best], limit, out), total + _count_fuzzy(
        fuzzy_runs)


def _fuzzy(runs):
    """(sort key, keep, candidate) of the candidates matching fuzzily but not by prefix."""
    position = 0
    for keep, needle, run in runs:
        search = subsequence(needle).search
        for cand in run:
            position += 1
            if not cand.folded.startswith(needle):
                match = search(cand.folded)
                if match is not None:
                    yield (match.end() - match.start(), match.start(), position), keep, cand


def _count_fuzzy(runs):
    count = 0
    for _, needle, run in runs:
        search = subsequence(needle).search
        count += sum(1 for c in run if not c.folded.startswith(needle) and search(c.folded))
    return count


def _take(pairs, limit, out=None):
    """(candidate, text) for each pair, the same text once, up to `limit` in all."""
    out = out if out is not None else []
    seen = {text for _, text in out}
    for keep, cand in pairs:
        if limit is not None and len(out) >= limit:
            break
        text = keep + cand.text if keep else cand.text
        if text not in seen:
            seen.add(text)
            out.append((cand, text))
    return out
