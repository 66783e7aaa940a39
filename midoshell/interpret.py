"""Words around a verb -> a typed Command (no I/O): the walker's meaning of a whole line.

How object paths and each verb's words are read is midoshell.walker's, which the completer
walks too; here are what a line adds around them: a bare id standing for its object, the
`--may-exist` / `--if-exists` guards and `export --keep-ids`.
"""

from midoshell import commands as c
from midoshell import model
from midoshell.errors import MidoSyntaxError
from midoshell.verbs import build, path_end as _path_end


def interpret(verb, pre, post, line):
    """Build the Command for `verb` from the words before (`pre`) and after (`post`) it."""
    words = list(pre) + list(post)
    if _bare_id(words[0] if words else None):
        return c.ByIdCommand(verb, words, len(pre), line)
    return build(verb, words, len(pre), line)


def _bare_id(word):
    """A line starting with a UUID or UUID prefix rather than a collection or an alias."""
    from midoshell.anywhere import names_by_id

    return word is not None and not word.quoted and model.root(word.text) is None \
        and names_by_id(word.text)


def path_end(words, line):
    """How many of `words` an object path (with its filters) takes, for error messages."""
    if words and _bare_id(words[0]):
        return 1  # the id is the whole path
    return _path_end(words, line)


def guarded(guard, command, line):
    """`--may-exist` goes with create (and set), `--if-exists` with delete."""
    if isinstance(command, c.ByIdCommand) and command.guard is None:
        command.guard = guard  # checked when the id has been looked up
        return command
    if guard == "may-exist" and isinstance(command, (c.CreateCommand, c.SetCommand)):
        command.may_exist = True
        return command
    if guard == "if-exists" and isinstance(command, c.DeleteCommand):
        command.if_exists = True
        return command
    wanted = "create (or set)" if guard == "may-exist" else "delete"
    raise MidoSyntaxError(f"--{guard} goes before a {wanted} command", line, 1)


def export_command(words, line):
    """`export [--keep-ids] [TYPE | OBJECT]`: the topology, a root collection, or one object
    and all that is under it."""
    keep_ids = False
    while words and words[0].text == "--keep-ids" and not words[0].quoted:
        keep_ids, words = True, words[1:]
    if not words:
        return c.ExportCommand(keep_ids=keep_ids)
    command = build("export", list(words), len(words), line)
    command.keep_ids = keep_ids
    return command
