"""Finding grammar/midoshell.lark and the two parsers made from it, once per process.

`tables_parser()` parses lines: midoshell.lalr driving LALR tables that lark generated from
the grammar, cached as JSON in $XDG_CACHE_HOME/midoshell under a key made of the grammar's
hash, lark's version and the generator's, so a changed grammar (or lark) gets new tables on
first use and a one-liner never imports lark.  `parser()` is lark's own parser, for what needs
lark's interactive parser (completion, the interactive lexer); it is built from the grammar
(about 25 ms) and not cached: lark's cache is a pickle, and a pickle found in a cache
directory would run code.
"""

import functools
import os

GRAMMAR_FILE = "midoshell.lark"


def grammar_text():
    """The grammar: installed beside this module (`pip install .` maps the top-level grammar/
    directory to midoshell/grammar/), else, in a source tree or an editable install, grammar/.

    Plain paths rather than importlib.resources, which costs a one-liner ~8 ms to import.
    """
    here = os.path.dirname(os.path.realpath(__file__))
    for folder in (os.path.join(here, "grammar"), os.path.join(os.path.dirname(here), "grammar")):
        try:
            with open(os.path.join(folder, GRAMMAR_FILE), encoding="utf-8") as stream:
                return stream.read()
        except OSError:
            continue
    raise FileNotFoundError(f"{GRAMMAR_FILE} is neither in {os.path.join(here, 'grammar')} nor "
                            f"in {os.path.join(os.path.dirname(here), 'grammar')}")


@functools.lru_cache(maxsize=None)
def tables_parser():
    """The table-driven parser for the command language (tables loaded or made on first use)."""
    from midoshell.lalr import Parser

    return Parser(tables())


def tables(text=None):
    """The LALR tables for the grammar, from the cache when they are there for this grammar,
    lark and generator, else generated with lark and cached."""
    from midoshell import cachefiles
    from midoshell.lalr_tables import GENERATOR_VERSION

    text = grammar_text() if text is None else text
    name = f"grammar-{_digest(text, lark_version(), GENERATOR_VERSION)}.json"
    folder = cachefiles.cache_dir()
    found = cachefiles.read_json(folder, name)
    if _well_formed(found):
        return found
    made = generate_tables(text)
    if cachefiles.write_json(folder, name, made):
        _remove_pickles(folder)
    return made


def _remove_pickles(folder):
    """Earlier versions cached lark's analysed grammar as a pickle here; none is read any
    more, and none should be left lying where a planted one could be mistaken for it."""
    for entry in os.listdir(folder):
        if entry.startswith("grammar-") and entry.endswith(".lark-cache"):
            try:
                os.unlink(os.path.join(folder, entry))
            except OSError:
                pass


def generate_tables(text):
    from midoshell.lalr_tables import generate

    return generate(text, import_lark())


def _digest(text, lark, generator):
    import hashlib

    return hashlib.sha256(f"{lark}\0{generator}\0{text}".encode()).hexdigest()[:24]


def _well_formed(found):
    """Enough of a check that a damaged or foreign file is regenerated, not crashed on."""
    from midoshell.lalr_tables import GENERATOR_VERSION

    keys = ("start", "end", "states", "rules", "lexers", "lexer_of_state", "root_lexer",
            "terminals")
    return isinstance(found, dict) and found.get("generator") == GENERATOR_VERSION \
        and all(k in found for k in keys) and isinstance(found["states"], list) \
        and len(found["lexer_of_state"]) == len(found["states"])


def lark_version():
    """lark's version without importing lark (which costs a one-liner ~20 ms): read from
    lark/__init__.py, where lark keeps it."""
    import sys

    module = sys.modules.get("lark")
    if module is not None:
        return module.__version__
    from importlib.util import find_spec

    try:
        spec = find_spec("lark")
        with open(spec.origin, encoding="utf-8") as stream:
            for line in stream:  # `__version__: str = "1.3.1"`; no regex: one-liners pay
                if line.startswith("__version__"):
                    return line.partition("=")[2].strip().strip("\"'") or "unknown"
    except (AttributeError, ImportError, OSError, TypeError, ValueError):
        pass
    return "unknown"


@functools.lru_cache(maxsize=None)
def parser():
    """lark's LALR parser for the command language (built on first use, then shared)."""
    from midoshell.lalr_tables import LARK_OPTIONS

    return import_lark().Lark(grammar_text(), **LARK_OPTIONS)


def import_lark():
    """lark, without the third-party `regex` module it would take when installed: the
    grammar needs only `re`, and `regex` costs ~12 ms to import."""
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
