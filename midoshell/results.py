"""What a command produces, before any rendering: rows of fields, values, plain lines."""

import itertools

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

    def __init__(self, prefix=None, ident=None, fields=None, uuid=None, alias=None,
                 source=None):
        # written out (the record decorator keeps it): a listing makes one per object
        self.prefix, self.ident, self.uuid, self.alias, self.source = \
            prefix, ident, uuid, alias, source
        self.fields = [] if fields is None else fields


class ListedRow(Row):
    """A listing's row, whose field texts are made when first asked for: `-o json` takes
    typed values from the object itself and never asks."""

    def __init__(self, prefix, ident, uuid, alias, source, make_fields):
        self.prefix, self.ident, self.uuid, self.alias, self.source = \
            prefix, ident, uuid, alias, source
        self._make_fields, self._fields = make_fields, None

    @property
    def fields(self):
        if self._fields is None:
            self._fields = self._make_fields(self.source)
        return self._fields

    @fields.setter
    def fields(self, value):
        self._fields = value


@dataclass
class Rows:
    """Objects listed, or the one object shown (`single`: json prints an object, not a list)."""

    rows: list
    single: bool = False


class RowStream:
    """The rows of a listing, made one at a time from its objects as they come: a long
    listing is printed while it arrives, and what has been printed is not kept (a listing
    of tens of thousands of objects is never all in memory at once for it).  Objects read
    ahead (`first`, `objects`, `len`) are kept, and every reading starts with them: read
    everything with `objects` first to read it twice.  `done(obj)` is called once an
    object's row has been made the first time and printed; `types` are the model types its
    objects can have."""

    def __init__(self, objs, make_row, types, done=None):
        self._objs = iter(objs)
        self._seen = []  # read ahead
        self.make_row = make_row
        self._done = done
        self.types = types

    def first(self):
        """The first object (fetched if need be, its row not made), or None."""
        if not self._seen:
            self._seen.extend(itertools.islice(self._objs, 1))
        return self._seen[0] if self._seen else None

    def objects(self):
        """Every object (all of them are fetched first, and kept)."""
        self._seen.extend(self._objs)
        return self._seen

    def __iter__(self):
        return self.each(self.make_row)

    def each(self, make):
        """make(obj) for every object, as iter() gives make_row(obj): a renderer's own
        one-pass version of making the row and printing it (output/listed.py)."""
        done = self._done
        for obj in self._seen[:]:
            yield make(obj)
        for obj in self._objs:
            yield make(obj)
            if done is not None:  # what it made of it has been printed
                done(obj)

    def batches(self, size):
        """The objects in lists of `size` (the last may be shorter), for a renderer that
        makes many at once; `done` is called for a list's objects once the renderer asks
        for the next.  When the objects break off (an answer cut short), the ones that came
        before are given first, then the error."""
        done = self._done
        seen = self._seen[:]
        for start in range(0, len(seen), size):
            yield seen[start:start + size]
        while True:
            batch = []
            try:
                # extend keeps what it took before an error (CPython appends item by item)
                batch.extend(itertools.islice(self._objs, size))
            except Exception:
                if batch:
                    yield batch
                raise
            if not batch:
                return
            yield batch
            if done is not None:
                for obj in batch:
                    done(obj)

    def __len__(self):
        return len(self.objects())


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
