"""Finding grammar/midoshell.lark and building its LALR parser, once per process."""

import functools
from importlib import resources
from pathlib import Path

GRAMMAR_FILE = "midoshell.lark"


def grammar_text():
    """The grammar, from the installed package data or, in a source tree, from grammar/.

    `pip install .` maps the top-level grammar/ directory to the package midoshell.grammar;
    an editable install may not, so the source tree is the fallback.
    """
    try:
        return resources.files("midoshell.grammar").joinpath(GRAMMAR_FILE).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    source = Path(__file__).resolve().parent.parent / "grammar" / GRAMMAR_FILE
    return source.read_text("utf-8")


@functools.lru_cache(maxsize=None)
def parser():
    """The LALR parser for the command language (built on first use, then shared)."""
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="contextual", propagate_positions=False,
                maybe_placeholders=False)
