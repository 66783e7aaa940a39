"""Text entered at the prompt -> the lines to run: a paste of several lines runs line by line.

Install guides show commands with the prompt in front (`midonet> tunnel-zone list`); a line
copied with it runs as if typed without it.
"""

import re

# `midonet> ` or `midonet(TENANT)> ` at the start of a line, as the prompt draws it.
_PROMPT = re.compile(r"^\s*midonet(?:\([^()\s]*\))?>\s?")


def without_prompt(line):
    """A line with a copied prompt taken off (`midonet> list host` -> `list host`)."""
    return _PROMPT.sub("", line, count=1)


def entered_lines(text):
    """(lines to run, how many were left out) of what was entered.

    Prompts are taken off; blank lines dropped, since a paste often ends with one and a blank
    line does nothing anyway.  When some lines carry the prompt, the others are a transcript's
    output (a guide shows `midonet> host list` and then the hosts) and are left out.
    """
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
             if line.strip()]
    prompted = [line for line in lines if _PROMPT.match(line)]
    if prompted and len(lines) > 1:
        kept = [without_prompt(line) for line in prompted]
        kept = [line for line in kept if line.strip()]
        return kept, len(lines) - len(prompted)
    return [without_prompt(line) for line in lines if without_prompt(line).strip()], 0


def paste_handler(event):
    """Bracketed paste: the text goes into the line as it is; when it ends with a line break
    (whole lines copied), it runs at once, as bash and pgcli run such a paste."""
    data = event.data.replace("\r\n", "\n").replace("\r", "\n")
    buffer = event.current_buffer
    if data.endswith("\n"):
        buffer.insert_text(data.rstrip("\n"))
        buffer.validate_and_handle()
    else:
        buffer.insert_text(data)
