"""What a command produces, before any rendering: rows of fields, plain lines, nothing."""

from dataclasses import dataclass, field


@dataclass
class Row:
    """One object line: `prefix ident field value …`; prefix and ident may be absent."""

    prefix: str = None
    ident: str = None
    fields: list = field(default_factory=list)  # (name, text) in print order


@dataclass
class Rows:
    rows: list


@dataclass
class Lines:
    lines: list


@dataclass
class Nothing:
    pass


@dataclass
class Exit:
    """The user asked to leave the shell."""
