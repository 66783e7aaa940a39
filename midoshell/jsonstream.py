"""The items of a top-level JSON array, decoded while its bytes still arrive.

A MidoNet collection answer is one JSON array; tens of thousands of objects make tens of
megabytes.  Decoding it item by item lets the shell print the first objects before the last
have arrived, and never holds the whole text next to the objects made from it.

Speed comes from decoding many items in one call of the standard library's C decoder: the
text read so far is cut after its last `}, {` and decoded as an array of its own.  A cut that
is not between two items (inside a string, or inside a nested object) cannot decode as a
complete array, so a successful decode is exactly the next items; when the cut was wrong,
the items are decoded one by one with `raw_decode`, which is always right.  The server's
text is untrusted: anything but one well-formed array raises NotJson or NotAList.
"""

import codecs
import json

_WHITESPACE = " \t\n\r"
_AFTER_ITEM = _WHITESPACE + ",]"
_decode_array = json.JSONDecoder().decode
_decode_one = json.JSONDecoder().raw_decode


class NotJson(ValueError):
    """The bytes are not one JSON document."""


class NotAList(ValueError):
    """The bytes are one JSON document, but not an array."""


class ArrayItems:
    """Feed byte chunks with `feed`, then `end()`; each returns the items now complete.

    `count` is how many items have been given out so far.
    """

    def __init__(self):
        self._text = codecs.getincrementaldecoder("utf-8")()
        self._buffer = ""
        self._opened = False  # the `[` has been read
        self._closed = False  # the `]` has been read
        self._want_comma = False  # an item was read: a `,` or the `]` comes next
        self._other = None  # the text of a document that is not an array
        self._waiting = 0  # the length of text an item did not decode from (see _one)
        self._read = 0  # characters decoded so far, for error positions
        self.count = 0

    def feed(self, chunk):
        try:
            text = self._text.decode(chunk)
        except UnicodeDecodeError as error:
            raise NotJson(f"invalid UTF-8 ({error.reason})") from None
        return self._take(text, final=False)

    def end(self):
        try:
            text = self._text.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise NotJson(f"invalid UTF-8 ({error.reason})") from None
        items = self._take(text, final=True)
        if self._other is not None:
            self._whole_document()
        if not self._opened and not self._buffer.strip(_WHITESPACE):
            return items  # an empty answer: no items (as an answer without a body)
        if not self._closed:
            raise NotJson("it ends before the array does")
        return items

    # -- the work -------------------------------------------------------------------------
    def _take(self, text, final):
        if self._other is not None:  # not an array: kept whole for the error message
            self._other.append(text)
            return []
        self._read += len(text)
        buffer = self._buffer + text if self._buffer else text
        if not self._opened:
            buffer = buffer.lstrip(_WHITESPACE)
            if not buffer:
                self._buffer = ""
                return []
            if buffer[0] != "[":
                self._other = [buffer]
                self._buffer = ""
                return []
            self._opened = True
            buffer = buffer[1:]
        if self._closed:
            if buffer.strip(_WHITESPACE):
                raise NotJson("text follows the end of the array")
            self._buffer = ""
            return []
        items = []
        buffer = self._items(buffer, items, final)
        self._buffer = buffer
        self.count += len(items)
        return items

    def _items(self, buffer, items, final):
        """Items from the front of `buffer` into `items`; returns what is left over."""
        many = True  # try a cut between items once per chunk (see _many)
        while True:
            buffer = buffer.lstrip(_WHITESPACE)
            if not buffer:
                return buffer
            if buffer[0] == "]" and (self._want_comma or not items and self.count == 0):
                self._closed = True
                if buffer[1:].strip(_WHITESPACE):
                    raise NotJson("text follows the end of the array")
                return ""
            if self._want_comma:
                if buffer[0] != ",":
                    raise NotJson(f"expected ',' or ']' between items, found {buffer[0]!r}")
                buffer = buffer[1:].lstrip(_WHITESPACE)
                self._want_comma = False
                if not buffer:
                    return buffer
            if not final and len(buffer) < 2 * self._waiting:
                return buffer  # the item that did not decode has not grown enough yet
            if many:
                many = False
                rest = self._many(buffer, items)
                if rest is not None:
                    self._waiting = 0
                    buffer = rest
                    continue
            rest = self._one(buffer, items, final)
            if rest is None:  # the next item is not complete yet
                return buffer
            buffer = rest

    def _many(self, buffer, items):
        """The items before the last `}, {` (as Python's json and Java's Jackson write the
        gap between two objects) at once, when that gap is one; else None."""
        cut = max(buffer.rfind("}, {"), buffer.rfind("},{"))
        if cut <= 0:
            return None
        try:
            found = _decode_array("[" + buffer[:cut + 1] + "]")
        except ValueError:
            return None
        items.extend(found)
        self._want_comma = True
        return buffer[cut + 1:]

    def _one(self, buffer, items, final):
        """One item from the front of `buffer`; None when more text is needed.

        An item that does not decode may go on in the next chunk (a long string): it is
        tried again once the text has doubled, so a bad item early in a long answer costs
        linear time, and the error is told at the end."""
        try:
            item, end = _decode_one(buffer)
        except ValueError as error:
            if final:
                raise NotJson(f"{error.msg} (character {self._read - len(buffer) + error.pos})") \
                    from None
            self._waiting = len(buffer)
            return None
        self._waiting = 0
        if not final and not isinstance(item, (dict, list, str)) and (
                end == len(buffer) or buffer[end] not in _AFTER_ITEM):
            return None  # a number may go on in the next chunk (`12` of `123`, `-0.5`)
        items.append(item)
        self._want_comma = True
        return buffer[end:]

    def _whole_document(self):
        text = "".join(self._other)
        try:
            json.loads(text)
        except ValueError:
            raise NotJson("not JSON") from None
        raise NotAList("not a list")


def items_of(chunks):
    """Every item of the array the byte chunks make, as they become complete."""
    decoder = ArrayItems()
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.end()
