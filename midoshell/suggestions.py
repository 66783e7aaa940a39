""""Did you mean": the known words closest to a mistyped one, for error messages.

difflib is imported on the first error, not at start-up (a one-liner that works never
needs it).
"""


def _plain(word):
    """What a word is compared as: case, dashes and a plural `s` are not what tells words
    apart (`Routers`, `tunnelzone` and `tunnel-zone` are one word to a user)."""
    text = word.lower().replace("-", "").replace("_", "")
    return text[:-1] if len(text) > 3 and text.endswith("s") else text


def closest(word, choices, limit=3):
    """The choices a mistyped word most likely meant, best first (maybe none)."""
    choices = list(dict.fromkeys(choices))
    plain = _plain(word)
    exact = [c for c in choices if _plain(c) == plain]
    if exact:
        return exact[:limit]
    # a word cut short (`tunn`, `rout`) means the words it begins, before any look-alike
    begun = [c for c in choices if _plain(c).startswith(plain)] if len(plain) >= 3 else []
    if begun:
        return begun[:limit]
    by_plain = {}
    for choice in choices:
        by_plain.setdefault(_plain(choice), choice)
    import difflib

    cutoff = 0.5 if len(plain) <= 3 else 0.6
    near = difflib.get_close_matches(plain, list(by_plain), n=limit, cutoff=cutoff)
    if not near:
        return []
    # Only the ones about as close as the best: `lst` is list, not also set and sett.
    best = _score(plain, near[0])
    return [by_plain[n] for n in near if _score(plain, n) >= best - 0.1]


def _score(a, b):
    return similarity(a, b)


def similarity(a, b):
    """How alike two words are, from 0 to 1."""
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()


def did_you_mean(word, choices):
    """`did you mean 'list'?` (or `'a' or 'b'`), or an empty string when nothing is close."""
    found = closest(word, choices)
    if not found:
        return ""
    return "did you mean " + " or ".join(repr(f) for f in found) + "?"
