"""What completion needs built before the first key: lark's parser (about 25 ms; not cached
on disk, see midoshell.lark_grammar) and every object type (a one-liner builds only the types its
line touches, but the first Tab at the start of a line offers them all, about 15 ms more)."""

from midoshell import lark_grammar, model


def warm_up():
    lark_grammar.parser()
    model.TYPES.load_all()
