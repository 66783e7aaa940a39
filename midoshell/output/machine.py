"""JSON and CSV: one document per command, stable keys (CLI attribute names, id, alias).

Both keep values exact for the program that reads them: JSON escapes what a terminal must
not see as \\u escapes (the same characters to any JSON reader); csv quotes every field that
holds a line break, so a reader gets one record per object.  csv cells that a spreadsheet
would run as a formula get a leading `'`.
"""

import csv
import functools
import io
import json
import re
import sys

from midoshell.output import Block, Part
from midoshell.output.safe import cell, encodable, json_text, visible
from midoshell.output.typed import TypedRecords, typed_record, typed_value
from midoshell.results import Created, Lines, Rows, RowStream, Value

# A cell a spreadsheet reads as a formula (=, +, -, @; tab and CR start one in some), and `'`
# itself, so that one leading `'` can always be taken off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def record(row, columns=None):
    """A row as a dict: id and alias first (when the type has them), then every visible field."""
    out = {}
    if row.uuid is not None:
        out["id"] = row.uuid
        out["alias"] = row.alias
    for name, text in row.fields:
        out[name] = text
    if columns:
        out = {name: out.get(name) for name in columns}
    return out


def note(options, text):
    """A remark about the output (never data) on stderr."""
    stream = options.stderr or sys.stderr
    stream.write(f"midoshell: {text}\n")
    stream.flush()


def missing_columns(result, options):
    """Say which --columns the objects printed do not have (they print empty)."""
    if not options.columns or not result.rows:
        return
    have = set().union(*(record(r) for r in result.rows))
    missing = [name for name in options.columns if name not in have]
    if missing:
        note(options, f"--columns: {', '.join(missing)}: no such field in these objects "
                      f"(printed empty)")


def typed(row, columns=None, typed_fields=typed_record):
    """A row for json: like `record`, with the values the API means (typed.py) where the
    row carries its object."""
    if row.source is None:
        return record(row, columns)
    out = {}
    if row.uuid is not None:
        out["id"] = row.source.id
        out["alias"] = row.alias
    out.update(typed_fields(row.source))
    if columns:
        out = {name: out.get(name) for name in columns}
    return out


def render_json(result, options):
    if isinstance(result, Rows):
        missing_columns(result, options)
        document = [typed(r, options.columns) for r in result.rows]
        if result.single and len(document) == 1:
            document = document[0]
    elif isinstance(result, Value):
        document = typed_value(*result.source) if result.source else result.text
    elif isinstance(result, Created):
        document = {"id": result.uuid, "alias": result.alias}
    elif isinstance(result, Lines):
        document = result.lines
    else:
        return []
    text = json.dumps(document, indent=2 if options.pretty else None, ensure_ascii=False)
    return [json_text(text)]


def json_pieces(result, options):
    """render_json's document in pieces: a listing's objects a batch at a time."""
    if not isinstance(result, Rows) or result.single:
        yield from render_json(result, options)
        return
    missing_columns(result, options)
    pretty = options.pretty
    # json.dumps of the list joins items with ", " (",\n  " indented, each item's own lines
    # indented one level more): so does json.dumps of each batch, whose brackets are taken
    # off, and so are the batches joined
    gap, first = (",\n  ", "[\n  ") if pretty else (", ", "[")
    opened = False
    for text in _json_batches(result.rows, options.columns, pretty):
        yield Part((gap if opened else first) + json_text(text))
        opened = True
    yield ("\n]" if pretty else "]") if opened else "[]"


JSON_BATCH = 256  # objects per json.dumps: its C encoder's cost per call is then nothing


def _json_batches(rows, columns, pretty):
    """The text json.dumps writes of the rows' typed() records, JSON_BATCH at a time, the
    list's brackets taken off; a listing's made from its objects, without rows (its
    records' text written at once where nothing asks for another layout)."""
    from midoshell.output.listed import listed

    texts = listed(rows)
    if texts is not None and not columns and not pretty:
        return (texts.json_batch(objs) for objs in rows.batches(JSON_BATCH))
    if texts is None:
        typed_fields = TypedRecords()
        batches = _batches((typed(r, columns, typed_fields) for r in rows), JSON_BATCH)
    else:
        batches = (texts.typed_batch(objs, columns) for objs in rows.batches(JSON_BATCH))
    return (dumped_items(batch, pretty) for batch in batches)


def dumped_items(items, pretty):
    """json.dumps of a list, its brackets taken off."""
    text = json.dumps(items, indent=2 if pretty else None, ensure_ascii=False)
    return text[4:-2] if pretty else text[1:-1]


def _batches(items, size):
    """Lists of `size` items; when the items break off (an answer cut short), what came
    before is given first, then the error."""
    batch, items = [], iter(items)
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except Exception:
            if batch:
                yield batch
            raise
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def csv_pieces(result, options):
    """render_csv's records, a listing's as its objects come once the header is known."""
    rows = result.rows if isinstance(result, Rows) else None
    if not isinstance(rows, RowStream):
        yield from render_csv(result, options)
        return
    missing_columns(result, options)
    header = _header(rows, options.columns)
    out = CsvLines(options)
    if options.headers:
        yield out.record(header)
    for batch in _csv_batches(rows, header, options.columns):
        lines = out.batch(batch)
        text = "\n".join(lines)
        if text.count("\n") == len(lines) - 1:  # no record holds a line break: one Block
            yield Block(text)
        else:
            yield from lines


CSV_BATCH = 256  # records per csv writerows


def _csv_batches(rows, header, columns):
    """The values of the rows' records in header order, CSV_BATCH records at a time; a
    listing's made from its objects."""
    from midoshell.output.listed import listed

    def values(r):
        got = record(r, columns)
        return ["" if got.get(name) is None else got.get(name) for name in header]
    texts = listed(rows)
    if texts is None or columns:
        return _batches(map(values, rows), CSV_BATCH)
    return (texts.csv_batch(objs, header, lambda obj: values(rows.make_row(obj)))
            for objs in rows.batches(CSV_BATCH))


def _header(rows, columns):
    """What _columns gives for the records of a row stream, from its objects: as soon as
    the first one is known when no later one can add a column (one type, and the first
    object has an id or its type has none), else from all of them."""
    first = rows.first()
    if first is None:
        return []
    if columns:
        return list(dict.fromkeys(columns))
    if len(rows.types) == 1 and (first.id is not None or not first.type.has_id):
        return _keys(first)
    seen = {}
    for obj in rows.objects():
        for key in _keys(obj):
            seen.setdefault(key, None)
    return list(seen)


def _keys(obj):
    """The keys of the record of an object's row (see record())."""
    has_uuid = obj.type.has_id and obj.id is not None
    return (["id", "alias"] if has_uuid else []) + [a.name for a in obj.type.visible_attrs()]


def render_csv(result, options):
    if isinstance(result, Value):
        return CsvLines(options).records([[result.text]])
    if isinstance(result, Created):
        rows = [{"id": result.uuid, "alias": result.alias}]
    elif isinstance(result, Rows):
        missing_columns(result, options)
        rows = [record(r, options.columns) for r in result.rows]
    elif isinstance(result, Lines):
        return [visible(line) for line in result.lines]
    else:
        return []
    header = _columns(rows)
    body = [["" if r.get(name) is None else r.get(name) for name in header] for r in rows]
    return CsvLines(options).records(([header] if options.headers else []) + body)


def neutralised(value):
    """A cell a spreadsheet shows as text: `'` before a formula's first character."""
    return "'" + value if value.startswith(FORMULA_START) else value


class CsvLines:
    """Records as csv.writer writes them with every field holding \r or \n quoted (its own
    rule quotes only the characters of the line terminator, hence CRLF, taken off again:
    the runner ends each record).  On a terminal, where a person reads it, control
    characters are shown escaped; for a program they stay exact."""

    def __init__(self, options):
        self.shown = cell if getattr(options, "terminal", False) else encodable
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def records(self, rows):
        return [self.record(values) for values in rows]

    def batch(self, records):
        """record() of each, written at once where no cell needs one of its steps: none
        starts a formula, none holds CR or LF; on a terminal none needs escaping, else all
        can be encoded (each asked at C speed of the joined text)."""
        joined = "\x00" + "\x00".join(map("\x00".join, records))
        if not records or _formula_after_gap().search(joined):
            return self.records(records)
        if _unquoted(joined) and min(map(len, records)) > 1:
            lines = list(map(",".join, records))  # as csv.writer writes them
            text = "".join(lines)
        else:
            self.buffer.seek(0)
            self.buffer.truncate()
            self.writer.writerows(records)
            text = self.buffer.getvalue()
            if text.count("\n") != len(records) or text.count("\r") != len(records):
                return self.records(records)
            lines = text[:-2].split("\r\n")
        if self.shown is cell:
            if not ("".join(lines).isprintable() and "\\" not in text):
                return self.records(records)
        elif not text.isascii() and encodable(text) is not text:
            return self.records(records)
        return lines

    def record(self, values):
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow([self.shown(neutralised(str(v))) for v in values])
        return self.buffer.getvalue()[:-2]


@functools.cache
def _formula_after_gap():
    """A cell starting as a formula does, in the cells joined after a NUL each (one pass
    over them, compiled on first use)."""
    return re.compile("\x00[" + re.escape("".join(FORMULA_START)) + "]")


def _unquoted(text):
    """Whether csv.writer (QUOTE_MINIMAL) quotes no cell of this text: none holds the
    delimiter, the quote or a line break (a record of one empty cell it writes `""`)."""
    return "," not in text and '"' not in text and "\n" not in text and "\r" not in text


def _columns(rows):
    """Every key, in order of first appearance (root port listings mix two port types)."""
    seen = {}
    for r in rows:
        for key in r:
            seen.setdefault(key, None)
    return list(seen)
