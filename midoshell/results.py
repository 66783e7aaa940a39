"""What a command produces, before any rendering: rows of fields, values, plain lines."""

from midoshell.records import dataclass, field


@dataclass
class Row:
    """One object: `prefix ident field value …` in text; prefix and ident may be absent.

    fields: (name, text) for every visible attribute in print order, text None when empty
    (text output skips those; machine formats keep them, so their keys are stable).
    uuid and alias identify the object for machine formats (alias only when shown).
    source: the object itself (its model type and the API's document), from which `-o json`
    takes typed values; None for rows made by hand.
    """

    prefix: str = None
    ident: str = None
    fields: list = field(default_factory=list)
    uuid: str = None
    alias: str = None
    source: object = None


@dataclass
class Rows:
    """Objects listed, or the one object shown (`single`: json prints an object, not a list)."""

    rows: list
    single: bool = False


@dataclass
class Value:
    """The bare value of one field (`show FIELD`); `source` is (object, attribute) when the
    typed value can be read again for `-o json`."""

    text: str
    source: tuple = None


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
