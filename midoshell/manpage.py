"""Man pages generated from the option parser, the grammar and the model: `python -m
midoshell.manpage [DIR]` writes midoshell.1, midoshell-language.7 and midoshell-objects.7."""

import sys
from pathlib import Path

from midoshell import __version__, config, help as helptext, model
from midoshell.options import build_parser

SEE_ALSO = [".SH SEE ALSO", r"\fBmidoshell\fR(1), \fBmidoshell-language\fR(7), "
            r"\fBmidoshell-objects\fR(7), \fBmidonet-cli\fR(1)"]


def esc(text):
    """Text safe for groff: backslashes, hyphens and leading dots or quotes."""
    text = str(text).replace("\\", r"\e").replace("-", r"\-").replace("\u2026", "...")
    return r"\&" + text if text[:1] in (".", "'") else text


def header(name, section, title):
    return [f'.TH {name.upper()} {section} "" "midoshell {__version__}" "{title}"',
            ".SH NAME", f"{esc(name)} \\- {esc(_NAMES[name])}"]


_NAMES = {"midoshell": "a command shell for MidoNet",
          "midoshell-language": "the command language of midoshell (and midonet-cli)",
          "midoshell-objects": "the MidoNet object types midoshell knows"}


def paragraph(text):
    return [".PP", esc(text)]


def tagged(term, body):
    return [".TP", term, esc(body)]


# -- midoshell(1) ---------------------------------------------------------------------------

def options_section():
    lines = [".SH OPTIONS"]
    for action in build_parser()._actions:
        if not action.option_strings or action.help == "==SUPPRESS==":
            continue
        flags = ", ".join(rf"\fB{esc(o)}\fR" for o in action.option_strings)
        if action.nargs != 0:  # the option takes a value
            value = action.metavar or "|".join(action.choices or ()) or action.dest.upper()
            flags += rf" \fI{esc(value)}\fR"
        lines += tagged(flags, (action.help or "").replace("%(prog)s", "midoshell"))
    return lines


def output_section():
    """The output formats (-o), as midoshell/output describes them."""
    from midoshell.formats import FORMAT_NOTES

    lines = [".SH OUTPUT FORMATS"]
    for name, text in FORMAT_NOTES.items():
        lines += tagged(rf"\fB{esc(name)}\fR", text)
    lines += paragraph("--columns picks and orders the fields of table, json and csv; a name "
                       "that no object type has is a usage error, and text output ignores "
                       "it (saying so).")
    return lines


def config_section():
    lines = [".SH CONFIGURATION"]
    lines += paragraph("Settings come from, in increasing precedence: built-in defaults, "
                       "~/.midonetrc section [cli] (midonet-cli's file), the midoshell "
                       "configuration file, MIDO_* environment variables, and options. "
                       "--show-config prints every setting and where it came from, with "
                       "passwords masked.")
    lines += paragraph("~/.midonetrc keys: " + ", ".join(sorted(config.RC_KEYS)) + ".")
    lines += paragraph("The configuration file $XDG_CONFIG_HOME/midoshell/config is INI: a "
                       "[default] section and [profile NAME] sections, chosen with --profile "
                       "or MIDOSHELL_PROFILE. Its keys: " + ", ".join(sorted(config.CONFIG_KEYS))
                       + ". A file holding a password that other users can read is warned about.")
    return lines


def environment_section():
    lines = [".SH ENVIRONMENT"]
    for var, setting in config.ENV_KEYS.items():
        lines += tagged(rf"\fB{esc(var)}\fR", f"sets {setting}")
    for var, text in (("MIDOSHELL_PROFILE", "the configuration profile"),
                      ("MIDOSHELL_HISTFILE", "the interactive history file"),
                      ("XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, XDG_CACHE_HOME",
                       "where configuration, sandbox state, history and caches live"),
                      ("NO_COLOR", "no colours in the interactive shell"),
                      ("PAGER", "the pager for long interactive output")):
        lines += tagged(rf"\fB{esc(var)}\fR", text)
    return lines


def page_midoshell():
    lines = header("midoshell", 1, "User Commands")
    lines += [".SH SYNOPSIS", r"\fBmidoshell\fR [\fIOPTIONS\fR]",
              ".br", r"\fBmidoshell\fR [\fIOPTIONS\fR] \fB\-c\fR \fICOMMAND\fR ...",
              ".br", r"\fBmidoshell\fR [\fIOPTIONS\fR] \fB\-f\fR \fIFILE\fR",
              ".br", r"\fBmidoshell\fR [\fIOPTIONS\fR] \fB\-e\fR \fIWORDS\fR ..."]
    lines += [".SH DESCRIPTION"]
    lines += paragraph("midoshell manages MidoNet virtual networks through the MidoNet "
                       "Cluster's REST API, in the command language of midonet-cli (see "
                       "midoshell-language(7)). With no API URL configured it starts its "
                       "bundled MidoNet API sandbox on a loopback port and says so.")
    lines += options_section()
    lines += [".SH MODES"]
    lines += tagged(r"\fBinteractive\fR", "on a terminal: completion, history, aliases printed.")
    lines += tagged(r"\fB\-c\fR, \fB\-e\fR", "one-liners: UUIDs are printed where midonet-cli "
                    "printed them (scripts read them); --aliases prints aliases.")
    lines += tagged(r"\fB\-f\fR, pipes", "scripts: blank lines and # comments are skipped; the "
                    "first failing line stops the script with FILE:LINE: and its message. A "
                    "create is one POST: what the server fills in is read later, by a line "
                    "that needs it (objects without an id whose printed fields the server "
                    "fills, and monitors made down, are read back at once).")
    lines += output_section() + config_section() + environment_section()
    lines += [".SH EXIT STATUS"]
    for code, text in ((0, "success"), (1, "a command failed"),
                       (2, "a syntax or usage error; nothing was sent"),
                       (3, "the API cannot be reached or refused the login"),
                       (130, "interrupted")):
        lines += tagged(rf"\fB{code}\fR", text)
    lines += [".SH FILES"]
    for path, text in (("~/.midonetrc", "midonet-cli's settings, section [cli]"),
                       ("$XDG_CONFIG_HOME/midoshell/config", "midoshell's settings and profiles"),
                       ("$XDG_STATE_HOME/midoshell/history", "interactive history (mode 0600)"),
                       ("$XDG_DATA_HOME/midoshell/sandbox.db", "the bundled sandbox's state")):
        lines += tagged(rf"\fI{esc(path)}\fR", text)
    lines += [".SH EXAMPLES"]
    for example in ("midoshell -c 'tunnel-zone create name tz type gre'",
                    "midoshell -c 'host list' -o json",
                    "midoshell -f topology.mido --keep-going",
                    "midoshell --midonet-url https://cluster:8443/midonet-api -u admin -p"):
        lines += [".PP", ".nf", esc(example), ".fi"]
    return lines + SEE_ALSO


# -- midoshell-language(7) --------------------------------------------------------------------

def verb_spellings():
    """Each verb with every spelling the grammar accepts (`list`: l, li, lis, list)."""
    from midoshell.parsing import keywords, verb_of

    spellings = {}
    for word in sorted(keywords(), key=len):
        verb = verb_of(word)
        if verb is not None:
            spellings.setdefault(verb, []).append(word)
    return spellings


def page_language():
    lines = header("midoshell-language", 7, "Miscellaneous")
    lines += [".SH DESCRIPTION"]
    lines += paragraph(helptext.PATH_NOTE)
    lines += paragraph("A line is words around one verb; the verb may come first, between the "
                       "object path and the collection, or last: list router, router list, "
                       "router router0 list port, router router0 port list. Values with spaces "
                       "are quoted with double quotes (backslash escapes) or single quotes.")
    lines += paragraph("Aliases such as router0 or bridge0:port0 name objects; an alias not seen "
                       "yet is found by listing its collection once. Top-level collections are "
                       "aliased by name (numbers compared as numbers), then UUID; the "
                       "collections of an object in the server's order. A leading ! inverts a "
                       "rule condition (src !10.0.0.0/8).")
    lines += paragraph(helptext.GUARDS_NOTE + " The midoshell options --may-exist and "
                       "--if-exists do the same for every line of -c, -f and piped scripts.")
    spellings = verb_spellings()
    lines += [".SH COMMANDS"]
    for verb, (summary, usages, examples) in helptext.VERBS.items():
        words = spellings.get(verb, [verb])
        term = ", ".join(rf"\fB{esc(w)}\fR" for w in sorted(words, key=len, reverse=True))
        lines += tagged(term, summary)
        for usage in usages:
            lines += [".br", esc(usage)]
        for example in examples:
            lines += [".br", rf"e.g. \fI{esc(example)}\fR"]
    lines += [".SH OUTPUT"]
    lines += paragraph("text prints one line per object: type prefix, alias (or UUID), then "
                       "field and value pairs in the order of midoshell-objects(7); table, json "
                       "and csv (-o) print the same fields.")
    return lines + SEE_ALSO


# -- midoshell-objects(7) ---------------------------------------------------------------------

def page_objects():
    lines = header("midoshell-objects", 7, "Miscellaneous")
    lines += [".SH DESCRIPTION"]
    lines += paragraph("The top-level collections: " + ", ".join(r.name for r in model.ROOTS)
                       + ". Each type below gives its alias prefix, its collections and its "
                       "fields in print order.")
    lines += [".SH TYPES"]
    for key in sorted(model.TYPES):
        t = model.TYPES[key]
        lines += [".SS " + esc(key), esc(f"{t.description}; alias prefix {t.prefix}"
                                        + ("" if t.has_id else "; no id (select with FIELD VALUE)")
                                        + ".")]
        if t.children:
            lines += [".br", esc("Collections: " + ", ".join(c.name for c in t.children) + ".")]
        lines += [".br", esc("Identity (--may-exist): " + helptext.identity_text(t) + ".")]
        for attr in t.attrs:
            flags = helptext._flags(attr)
            lines += tagged(rf"\fB{esc(attr.name)}\fR {esc(attr.kind.expected + flags)}",
                            attr.help or attr.name)
    return lines + SEE_ALSO


PAGES = {"midoshell.1": page_midoshell, "midoshell-language.7": page_language,
         "midoshell-objects.7": page_objects}


def render_pages():
    return {name: "\n".join(make()) + "\n" for name, make in PAGES.items()}


def write_pages(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in render_pages().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_pages(sys.argv[1] if len(sys.argv) > 1 else "man")
