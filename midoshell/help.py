"""Help and describe texts, built from the object model and the verb summaries below."""

import shutil

from midoshell import model
from midoshell.errors import UsageError
from midoshell.suggestions import did_you_mean

# One summary and usage per verb: the single place these words are written (help, man page).
VERBS = {
    "list": ("list the objects of a collection",
             ["list [OBJECT…] COLLECTION [FIELD VALUE…]", "[OBJECT…] list COLLECTION [FIELD VALUE…]",
              "[OBJECT…] COLLECTION list [FIELD VALUE…]"],
             ["list router", "router router0 list port", "list host alive true",
              "tunnel-zone tzone0 member list"]),
    "show": ("print one object, or the value of one of its fields",
             ["show OBJECT [FIELD…]", "OBJECT show [FIELD…]", "OBJECT [FIELD] show"],
             ["show router router0", "router router0 show name", "show bridge0:port0",
              "host name compute-1 show alive"]),
    "create": ("create an object in a collection (also: add)",
               ["create [OBJECT…] COLLECTION [FIELD VALUE…]", "[OBJECT…] add COLLECTION [FIELD VALUE…]",
                "[OBJECT…] COLLECTION create [FIELD VALUE…]"],
               ["create router name r1", "tunnel-zone create name tz1 type gre",
                "tunnel-zone tzone0 add member host host0 address 192.0.2.10",
                "router router0 add port addresses 10.0.0.1/24",
                "--may-exist create tunnel-zone name eucatz type gre"]),
    "set": ("change fields of an object",
            ["set OBJECT FIELD VALUE [FIELD VALUE…]", "OBJECT set FIELD VALUE [FIELD VALUE…]"],
            ["router router0 set state down", "bridge bridge0 port port0 set peer router0:port0"]),
    "clear": ("reset fields of an object (filters, addresses, a port's peer)",
              ["clear OBJECT FIELD…", "OBJECT clear FIELD…"],
              ["router router0 clear infilter", "bridge bridge0 port port0 clear peer"]),
    "delete": ("delete an object (and what the server deletes with it)",
               ["delete OBJECT", "OBJECT delete [COLLECTION SELECTOR]"],
               ["delete router router1", "bridge bridge0 delete port port0",
                "host host0 delete binding interface veth1", "--if-exists delete bridge name old"]),
    "export": ("print the topology as a script that replays it (--keep-ids: with its UUIDs)",
               ["export [--keep-ids]", "export [--keep-ids] COLLECTION",
                "export [--keep-ids] OBJECT"],
               ["export", "export tunnel-zone", "export router router0", "export --keep-ids"]),
    "wait-until": ("wait until a field the agents report has a value (polls with backoff; "
                   "fails after the timeout, default 60 s, saying what it last saw)",
                   ["wait-until OBJECT FIELD VALUE [timeout SECONDS]"],
                   ["wait-until host host0 alive true",
                    "wait-until router router0 port port0 plugged yes timeout 30",
                    "wait-until container container0 status running"]),
    "describe": ("list the fields, collections and identity of an object type",
                 ["describe [OBJECT…] [COLLECTION]"],
                 ["describe", "describe router", "router router0 describe port"]),
    "help": ("print help on a command", ["help [COMMAND]"], ["help", "help create"]),
    "sett": ("set the session tenant (filters lists, owns new objects)", ["sett TENANT"],
             ["sett 5b1c4d2e0f0a4b8c9d7e6f5a4b3c2d1e"]),
    "cleart": ("clear the session tenant", ["cleart"], ["cleart"]),
    "debug": ("log HTTP requests and answers to stderr", ["debug on|off"], ["debug on"]),
    "refresh": ("forget what the session has listed, so names are looked up anew",
                ["refresh"], ["refresh"]),
    "exit": ("end the session", ["exit"], ["exit"]),
    "quit": ("end the session", ["quit"], ["quit"]),
}

PATH_NOTE = ("An OBJECT is COLLECTION REF, repeated from the top level (router router0 port port0), "
             "where REF is an alias, a UUID or FIELD VALUE pairs (router name r1); an alias chain "
             "such as bridge0:port0 also names an object, and so does a bare UUID, or a unique "
             "prefix of 8 or more of its hex digits, whatever the object's type.")


def columns(names, width=None):
    """Names in columns, column-major, every row indented by four spaces."""
    if not names:
        return ["    <NONE>"]
    width = width or min(shutil.get_terminal_size((80, 24)).columns, 100)
    cell = max(len(n) for n in names) + 2
    per_row = max(1, (width - 4) // cell)
    rows = -(-len(names) // per_row)
    out = []
    for r in range(rows):
        cells = [names[i] for i in range(r, len(names), rows)]
        out.append("    " + "".join(n.ljust(cell) for n in cells).rstrip())
    return out


def describe_root():
    return ["Object collections:"] + columns(model.collections_of(None))


def describe_type(type_key):
    lines = [f"{type_key}: {model.object_type(type_key).description}" if type_key != "port"
             else "port: a router or bridge port", "Object collections:"]
    lines += columns(model.collections_of(type_key) if type_key != "port" else [])
    lines += _identity_lines(type_key)
    lines.append("Fields:")
    for t in model.element_types(type_key):
        for attr in t.attrs:
            flags = _flags(attr)
            lines.append(f"    {attr.name:<24} {attr.kind.expected}{flags}")
            if attr.help:
                lines.append(f"    {'':<24}   {attr.help}")
    return lines


GUARDS_NOTE = ("A create may start with --may-exist (an object of the same identity is reused, "
               "or brought to what the line says) and a delete with --if-exists (nothing to "
               "delete is no error); `describe TYPE` says what identity is for each type.")


def identity_text(object_type):
    """What makes two objects of this type the same one (`--may-exist`), in words."""
    from midoshell.model.identity import SERVER_OWNED, identity

    rule = identity(object_type.key)
    if rule is None:
        return "none: the server makes these" if object_type.key in SERVER_OWNED else "none"
    text = rule.describe()
    return text + "; an id given on create names the object" if object_type.has_id else text


def _identity_lines(type_key):
    types = model.element_types(type_key)
    return ["Identity (--may-exist):"] + [
        f"    {t.key + ': ' if len(types) > 1 else ''}{identity_text(t)}" for t in types]


def _flags(attr):
    flags = []
    if not attr.assignable:
        flags.append("read-only")
    if attr.hidden:
        flags.append("hidden")
    if attr.clearable:
        flags.append("clearable")
    if attr.legacy:
        flags.append("older form")
    return f" ({', '.join(flags)})" if flags else ""


def help_lines(topic):
    if not topic:
        lines = ["Type 'help COMMAND' for detailed help.", "", "Available commands:", ""]
        lines += [f"    {verb:<10} {summary}" for verb, (summary, _, _) in VERBS.items()]
        return lines + ["", PATH_NOTE]
    word = topic[0]
    verb = _verb(word)
    if verb is None:
        if model.root(word) is not None:
            return describe_type(model.root(word).type)
        raise _no_help(word)
    summary, usages, examples = VERBS[verb]
    lines = [f"{verb} - {summary}", "", "Usage:"] + [f"    {u}" for u in usages]
    lines += ["", "Examples:"] + [f"    {e}" for e in examples]
    if verb in ("list", "show", "create", "set", "clear", "delete", "describe"):
        lines += ["", PATH_NOTE]
    if verb in ("create", "delete"):
        lines += ["", GUARDS_NOTE]
    return lines


def _no_help(word):
    """`help lst`: an error, with the commands and collections it most likely meant."""
    hint = did_you_mean(word, list(VERBS) + ["add"] + model.collections_of(None))
    return UsageError(f"no help on {word!r}" + (f"; {hint}" if hint else "")
                      + f" (commands: {', '.join(VERBS)}; or a collection: help router)")


def _verb(word):
    """The command a word names, as the grammar reads it (`l` is list, `add` is create)."""
    from midoshell.parsing import verb_of

    return word if word in VERBS else verb_of(word)
