"""Commands as the interpreter builds them from a line: plain data, no I/O."""

from midoshell.records import dataclass, field


@dataclass(frozen=True)
class Word:
    """One word of a line, with its 1-based column (for error carets)."""

    text: str
    column: int
    quoted: bool = False


@dataclass
class RefValue:
    """A reference typed by the user: one word (alias, alias chain, UUID) or an object path."""

    words: list
    path: list = field(default_factory=list)  # Steps, when the value is an object path

    @property
    def column(self):
        return self.words[0].column

    @property
    def text(self):
        return " ".join(w.text for w in self.words)


@dataclass
class Pair:
    """`FIELD VALUE`: an assignment (create, set) or an equality filter (selectors, list)."""

    attr: object  # model Attr
    name: Word
    value: object  # parsed JSON value, or RefValue for references
    words: list  # the value's words
    inverted: bool = False  # typed with a leading `!`

    @property
    def text(self):
        return " ".join(w.text for w in self.words)


@dataclass
class Step:
    """One object along a path: `router router0`, `port port0`, `tunnel-zone name tz1`.

    `collection` is the collection word (None when the path starts with an alias chain such
    as `bridge0:port0`); `ref` the alias or UUID; `filters` the selecting field pairs.
    `type_key` is the element type; `link` the model Root or Child the step goes through.
    """

    collection: Word
    type_key: str
    link: object
    ref: Word = None
    filters: list = field(default_factory=list)
    singleton: bool = False  # `system-state`: one object, no selector

    @property
    def is_open(self):
        """A collection not yet narrowed to one object."""
        return self.ref is None and not self.filters and not self.singleton


@dataclass
class ListCommand:
    path: list
    target: Step  # the collection to list (open step)
    filters: list


@dataclass
class ShowCommand:
    path: list
    fields: list  # Words


@dataclass
class CreateCommand:
    path: list
    target: Step
    assignments: list
    may_exist: bool = False  # `--may-exist`: an object of the same identity is reused


@dataclass
class SetCommand:
    path: list
    assignments: list
    may_exist: bool = False  # under `--may-exist`: nothing is sent when nothing changes


@dataclass
class ClearCommand:
    path: list
    fields: list  # (Attr, Word)


@dataclass
class DeleteCommand:
    path: list
    if_exists: bool = False  # `--if-exists`: nothing to delete is no error


@dataclass
class ExportCommand:
    """`export [--keep-ids] [TYPE | OBJECT]`: the topology (or a part) as a script."""

    path: list = field(default_factory=list)  # the object exported, with what is under it
    collection: object = None  # a root collection (model Root) exported whole
    keep_ids: bool = False


@dataclass
class WaitCommand:
    """`wait-until OBJECT FIELD VALUE [timeout SECONDS]`: poll a field until it has a value."""

    path: list
    attr: object  # model Attr
    field: Word
    value: object  # the API's value the field must reach
    words: list  # the value as typed
    timeout: float = 60.0
    subject: str = ""  # the object as typed, for messages


@dataclass
class DescribeCommand:
    path: list
    target: Step = None  # a collection to describe, or None for the path's object / the root


@dataclass
class HelpCommand:
    topic: list  # Words


@dataclass
class TenantCommand:
    tenant: str = None  # None clears it


@dataclass
class DebugCommand:
    on: bool


@dataclass
class ExitCommand:
    pass


@dataclass
class RefreshCommand:
    pass


@dataclass
class EmptyCommand:
    """A blank line or a comment."""


@dataclass
class ByIdCommand:
    """A line whose object is a bare UUID or UUID prefix (`show 3f2a…`): its type is known
    only once the server has been asked, so the words are interpreted after that."""

    verb: str
    words: list  # Words; the first is the id
    boundary: int  # index of the first word after the verb
    line: str
    guard: str = None  # `may-exist` or `if-exists`, applied once the command is known
