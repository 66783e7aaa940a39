"""The API's errors in the CLI's words: field names from the model, enum values listed,
a bare 409 saying what conflicts.  The server's own text is kept where it already speaks
plainly."""

import re

from midoshell import commands as c
from midoshell import model
from midoshell.errors import ApiError

# Jackson's words for a value that is not in an enum (older and newer versions).
_ENUM = [
    re.compile(r"Can ?not construct instance of [\w.$]+ from String value '(?P<value>[^']*)': "
               r"value not one of declared Enum instance names: \[(?P<names>[^\]]*)\]"),
    re.compile(r"Cannot deserialize value of type `?[\w.$]+`? from String \"(?P<value>[^\"]*)\": "
               r"not one of the values accepted for Enum class: \[(?P<names>[^\]]*)\]"),
]


def explained(error, command):
    """`error` (an ApiError from running `command`) with the CLI's names in it."""
    element = _element(command)
    if element is None:
        return error
    attrs = {a.json: a for t in model.element_types(element) for a in t.attrs}
    violations = [dict(v, property=_cli_name(v.get("property"), attrs)) for v in error.violations]
    message = _message(error, command, element)
    if message is None and violations == error.violations:
        return error
    return _rebuilt(error, message or _server_text(error), violations)


def _element(command):
    if isinstance(command, c.CreateCommand):
        return command.target.type_key
    if isinstance(command, (c.SetCommand, c.ClearCommand, c.DeleteCommand)) and command.path:
        return command.path[-1].type_key
    return None


def _cli_name(prop, attrs):
    """`portAddress` -> `address`; a nested `condition.nwSrc` by its last part."""
    if not prop:
        return prop
    key = re.sub(r"\[\d*\]$", "", prop)  # `addresses[0]`: the list field
    attr = attrs.get(key) or attrs.get(key.rsplit(".", 1)[-1])
    return attr.name + prop[len(key):] if attr is not None else prop


def _message(error, command, element):
    """The message in the CLI's words, or None when the server's needs no change."""
    text = _server_text(error)
    for pattern in _ENUM:
        match = pattern.search(text)
        if match:
            return _enum_message(match, command)
    if error.status == 409 and text.strip().upper() in ("", "CONFLICT"):
        return _conflict_message(command, element)
    return None


def _server_text(error):
    prefix = f"API error {error.status}: "
    return error.message[len(prefix):] if error.message.startswith(prefix) else ""


def _enum_message(match, command):
    value, allowed = match.group("value"), match.group("names").replace(" ", "")
    field = next((p.name.text for p in getattr(command, "assignments", ())
                  if not isinstance(p, tuple) and p.text == value), None)
    where = f" for {field}" if field else ""
    return f"bad value{where}: {value!r} is not one of {allowed.replace(',', ', ')}"


def _conflict_message(command, element):
    """A bare 409: the server found the object (or one like it) already there."""
    if isinstance(command, c.CreateCommand):
        first = command.assignments[0] if command.assignments else None
        like = f" with {first.name.text} {first.text}" if first is not None else ""
        where = " ".join(_step_text(s) for s in command.path)
        noun = command.target.collection.text
        held = f"{where} already has" if where else "there already is"
        return f"conflict: {held} a {noun}{like}"
    what = model.object_type(element).description or element
    return f"conflict: the change clashes with what the server holds for {what}"


def _step_text(step):
    """A step of the path as typed: `tunnel-zone tzone0`, `tunnel-zone name tz`."""
    words = [step.collection.text] if step.collection is not None else []
    if step.ref is not None:
        words.append(step.ref.text)
    words += [f"{p.name.text} {p.text}" for p in step.filters]
    return " ".join(words)


def _rebuilt(error, message, violations):
    rebuilt = ApiError(error.status, "", violations, error.method, error.url)
    rebuilt.message = f"API error {error.status}: {message}"
    rebuilt.args = (rebuilt.message,)
    return rebuilt
