"""Finding grammar/midoshell.lark and building its LALR parser, once per process.

The analysed grammar is cached across processes in $XDG_CACHE_HOME/midoshell (keyed by a
hash of the grammar and the lark version), which makes a one-liner's start-up cheaper.
"""

import functools
import hashlib
import os
from pathlib import Path

GRAMMAR_FILE = "midoshell.lark"


def grammar_text():
    """The grammar: installed beside this module (`pip install .` maps the top-level grammar/
    directory to midoshell/grammar/), else, in a source tree or an editable install, grammar/.

    Plain paths rather than importlib.resources, which costs a one-liner ~8 ms to import.
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "grammar", here.parent / "grammar"):
        try:
            return (folder / GRAMMAR_FILE).read_text("utf-8")
        except OSError:
            continue
    raise FileNotFoundError(f"{GRAMMAR_FILE} is neither in {here / 'grammar'} nor in "
                            f"{here.parent / 'grammar'}")


def _cache_file(text, version):
    """Where the analysed grammar is kept, or None when no private cache directory can be had."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256(f"{version}\0{text}".encode()).hexdigest()[:16]
    folder = Path(base) / "midoshell"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return str(folder / f"grammar-{digest}.lark-cache")


@functools.lru_cache(maxsize=None)
def parser():
    """The LALR parser for the command language (built on first use, then shared)."""

    text = grammar_text()
    options = dict(parser="lalr", lexer="contextual", propagate_positions=False,
                   maybe_placeholders=False)
    cache = _cache_file(text, lark.__version__)
    if cache is not None:
        try:
            return lark.Lark(text, cache=cache, **options)
        except Exception:  # noqa: BLE001 - a damaged or unwritable cache only costs time
            _discard(cache)
    return lark.Lark(text, **options)


def _import_lark():
    """lark, without the third-party `regex` module it would take when installed: the
    grammar needs only `re`, and `regex` costs a one-liner ~12 ms to import."""
    import sys

    if "lark" in sys.modules or "regex" in sys.modules:
        import lark
        return lark
    sys.modules["regex"] = None  # makes lark's `import regex` fail, so it uses `re`
    try:
        import lark
    finally:
        del sys.modules["regex"]  # others may import regex normally afterwards
    return lark


lark = _import_lark()


def _discard(path):
    try:
        os.unlink(path)
    except OSError:
        pass
