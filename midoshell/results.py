"""What a command produces, before any rendering: rows of fields, values, plain lines."""

from midoshell.records import dataclass, field


@dataclass
class Row:
    """One object: `prefix ident field value …` in text; prefix and ident may be absent.

    fields: (name, text) for every visible attribute in print order, text None when empty
    (text output skips those; machine formats keep them, so their keys are stable).
    uuid and alias identify the object for machine formats (alias only when shown).
    """

    prefix: str = None
    ident: str = None
    fields: list = field(default_factory=list)
    uuid: str = None
    alias: str = None


@dataclass
class Rows:
    rows: list


@dataclass
class Value:
    """The bare value of one field (`show FIELD`)."""

    text: str


@dataclass
class Created:
    """A new object with an id: printed as its alias chain or its UUID."""

    ident: str
    uuid: str
    alias: str = None


@dataclass
class Lines:
    """Human text: help, describe, notices."""

    lines: list


@dataclass
class Nothing:
    pass


@dataclass
class Exit:
    """The user asked to leave the shell."""
