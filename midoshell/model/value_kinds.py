"""Value kinds of object attributes: parsing what a user types, formatting what the API returns."""

import functools
import ipaddress
import re

from midoshell.errors import ValueSyntaxError

_MAC = r"^[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}$"
UUID_RE = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


@functools.cache
def _pattern(text):
    """Compiled on first use: a one-liner pays only for the checks its line makes."""
    return re.compile(text)


def is_uuid(text):
    return bool(_pattern(UUID_RE).match(text))


class Kind:
    """How one attribute's value is typed, stored in JSON and printed.

    `parse` turns a typed word into the JSON value (raising ValueSyntaxError with what was
    expected); `read`/`write` move it in and out of an object's JSON document; `format` turns
    the JSON value into the text midonet-cli prints (None hides the field).
    """

    expected = "a value"
    is_reference = False
    # The server may keep another spelling of what was sent (see IPAddress): only a read of
    # the object tells how it prints.
    respelled = False
    # Whether format_expression may give None (hide the field) for a value that is not None.
    expression_may_give_none = False

    def parse(self, text):
        return text

    def read(self, attr, doc):
        return doc.get(attr.json)

    def write(self, attr, doc, value):
        doc[attr.json] = value

    def cleared(self):
        return None

    def same(self, stored, typed):
        """Whether a stored value is what a line's value asks for (see IPAddress)."""
        return stored == typed

    def format(self, value, names):
        if value is None:
            return None
        return str(value)

    def format_expression(self, value, constant):
        """format(value, names) of a value that is not None, as a Python expression over
        the expression `value`, for the code output/linecode.py writes once per type of a
        listing (a call per field of each object costs more than the formatting); None
        when format itself must be called.  `constant(x)` names a constant the expression
        uses.  It is only taken from the class that also defines format (a subclass that
        formats otherwise does not inherit it); tests compare the two."""
        return f"str({value})"

    def fail(self, text):
        raise ValueSyntaxError(f"expected {self.expected}, got {text!r}")


class Text(Kind):
    expected = "a string"


class Integer(Kind):
    base = 10  # int()'s: Number's 0 takes a 0x prefix too

    def __init__(self, low=None, high=None):
        self.low, self.high = low, high
        if low is not None and high is not None:
            self.expected = f"an integer from {low} to {high}"
        elif low is not None:
            self.expected = f"an integer of at least {low}"
        else:
            self.expected = "an integer"

    def parse(self, text):
        try:
            value = int(text, self.base)
        except ValueError:
            self.fail(text)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            self.fail(text)
        return value


class Limit(Integer):
    """A container limit: `no-limit` is -1 on the wire."""

    def __init__(self):
        super().__init__(low=-1)
        self.expected = "an integer of at least 0 or no-limit"

    def parse(self, text):
        return -1 if text == "no-limit" else super().parse(text)

    def format(self, value, names):
        if value is None:
            return None
        return "no-limit" if value < 0 else str(value)

    def format_expression(self, value, constant):
        return f'("no-limit" if {value} < 0 else str({value}))'


class Words(Kind):
    """A boolean spelled with two words (true/false, up/down, yes/no)."""

    def __init__(self, yes, no):
        self.yes, self.no = yes, no
        self.expected = f"{yes} or {no}"
        self.values = (yes, no)

    def parse(self, text):
        if text == self.yes:
            return True
        if text == self.no:
            return False
        self.fail(text)

    def format(self, value, names):
        if value is None:
            return None
        return self.yes if value else self.no

    def format_expression(self, value, constant):
        return f"({constant(self.yes)} if {value} else {constant(self.no)})"


BOOL = Words("true", "false")
ADMIN = Words("up", "down")
YESNO = Words("yes", "no")


class Enum(Kind):
    """A fixed set of CLI spellings mapped to the API's values.

    `strict=False` sends an unknown word as typed and lets the server judge it, for fields
    whose allowed values the server owns (its 400 then names them).
    """

    def __init__(self, mapping, strict=True):
        self.mapping = dict(mapping)
        self.reverse = {v: k for k, v in self.mapping.items()}
        self.strict = strict
        self.values = tuple(self.mapping)
        self.expected = "one of " + ", ".join(self.mapping)

    def parse(self, text):
        if text in self.mapping:
            return self.mapping[text]
        if self.strict:
            self.fail(text)
        return text

    def format(self, value, names):
        if value is None:
            return None
        return self.reverse.get(value, str(value))

    def format_expression(self, value, constant):
        words = constant(self.reverse)
        return f"({words}[{value}] if {value} in {words} else str({value}))"


class IPv4(Kind):
    expected = "an IPv4 address"

    def parse(self, text):
        try:
            return str(ipaddress.IPv4Address(text))
        except ValueError:
            self.fail(text)


class Mac(Kind):
    expected = "a MAC address (six hex pairs joined by ':')"

    def parse(self, text):
        if not _pattern(_MAC).match(text):
            self.fail(text)
        return text.lower()


def parse_cidr(text, kind):
    """`a.b.c.d[/len]` -> (address, length); a bare address is a /32."""
    address, _, length = text.partition("/")
    try:
        ipaddress.IPv4Address(address)
        value = int(length, 10) if length else 32
    except ValueError:
        kind.fail(text)
    if not 0 <= value <= 32:
        kind.fail(text)
    return address, value


class Cidr(Kind):
    """An IPv4 prefix kept in two JSON keys, printed `addr/len` (`addr` alone for a /32)."""

    expected = "an IPv4 address or CIDR (a.b.c.d/len)"

    def __init__(self, address_key, length_key):
        self.address_key, self.length_key = address_key, length_key

    def parse(self, text):
        return parse_cidr(text, self)

    def read(self, attr, doc):
        address = doc.get(self.address_key)
        if address is None:
            return None
        return address, doc.get(self.length_key)

    def write(self, attr, doc, value):
        doc[self.address_key], doc[self.length_key] = value if value else (None, 0)

    def format(self, value, names):
        if value is None:
            return None
        return cidr_text(*value)

    def format_pair_expression(self, address, length):
        """cidr_text(address, length) as a Python expression over the names of the two
        (see Kind.format_expression)."""
        return (f"(({address} or '0.0.0.0') if {length} == 32 else "
                f"f'{{{address} or \"0.0.0.0\"}}/{{{length} or 0}}')")


def cidr_text(address, length):
    """An address with its prefix length as printed: `addr/len`, `addr` alone for a /32."""
    address = address or "0.0.0.0"
    return address if length == 32 else f"{address}/{length or 0}"


class CidrList(Kind):
    """A comma-separated list of IPv4 or IPv6 prefixes (router port addresses)."""

    expected = "comma-separated CIDRs (a.b.c.d/len)"

    def parse(self, text):
        items = [item.strip() for item in text.split(",") if item.strip()]
        if not items:
            self.fail(text)
        for item in items:
            try:
                ipaddress.ip_interface(item)
            except ValueError:
                self.fail(item)
        return items

    def cleared(self):
        return []

    def format(self, value, names):
        return ",".join(value) if value else None

    expression_may_give_none = True  # an empty list or range hides the field

    def format_expression(self, value, constant):
        return f"(','.join({value}) if {value} else None)"


class TextList(Kind):
    expected = "a comma-separated list"

    def parse(self, text):
        return [item.strip() for item in text.split(",") if item.strip()]

    def cleared(self):
        return []

    def format(self, value, names):
        if not value:
            return None
        return ",".join(str(item) for item in value)

    expression_may_give_none = True  # an empty list or range hides the field

    def format_expression(self, value, constant):
        return f"(','.join(map(str, {value})) if {value} else None)"


class Reference(Kind):
    """The id of another object, typed as an alias, a UUID or an object path, printed as an alias.

    Parsing keeps the words; the session resolves them, since that may need the server.
    """

    is_reference = True

    def __init__(self, target):
        self.target = target
        self.expected = f"a {target} alias, UUID or object path"

    def format(self, value, names):
        if value is None:
            return None
        return names.object_name(self.target, value)


class PortReference(Reference):
    """A router or bridge port, printed `<device alias>:<port alias>`."""

    def __init__(self):
        super().__init__("port")
        self.expected = "a port (router0:port0, a UUID, or router ROUTER port PORT)"

    def format(self, value, names):
        if value is None:
            return None
        return names.port_name(value)


class MacMask(Kind):
    expected = "a MAC mask (ffff.ff00.0000)"
    _FORM = r"^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$"

    def parse(self, text):
        if not _pattern(self._FORM).match(text):
            self.fail(text)
        return text.lower()


class Number(Integer):
    """An integer typed in decimal or with 0x (ethertypes are usually written in hex)."""

    base = 0


class PortRange(Kind):
    """An L4 port or range `a` / `a-b`, sent as {"start", "end"}, always printed `a-b`."""

    expected = "a port or port range (80 or 80-90)"

    def parse(self, text):
        first, dash, last = text.partition("-")
        try:
            start = int(first, 10)
            end = int(last, 10) if dash else start
        except ValueError:
            self.fail(text)
        if not (0 <= start <= 65535 and 0 <= end <= 65535) or start > end:
            self.fail(text)
        return {"start": start, "end": end}

    def format(self, value, names):
        if not value:
            return None
        return f"{value.get('start')}-{value.get('end')}"

    expression_may_give_none = True  # an empty list or range hides the field

    def format_expression(self, value, constant):
        return f"""(f"{{{value}.get('start')}}-{{{value}.get('end')}}" if {value} else None)"""


class NatTargets(Kind):
    """NAT targets `ip[-ip][:port[-port]]`, comma-separated; a missing port range is 0 (any)."""

    expected = "NAT targets (ip[-ip][:port[-port]], comma-separated)"

    def parse(self, text):
        targets = []
        for item in text.split(","):
            addresses, _, ports = item.strip().partition(":")
            first, _, last = addresses.partition("-")
            try:
                low = str(ipaddress.IPv4Address(first))
                high = str(ipaddress.IPv4Address(last)) if last else low
                port_range = PortRange().parse(ports) if ports else {"start": 0, "end": 0}
            except (ValueError, ValueSyntaxError):
                self.fail(item)
            targets.append({"addressFrom": low, "addressTo": high,
                            "portFrom": port_range["start"], "portTo": port_range["end"]})
        return targets

    def cleared(self):
        return []

    def format(self, value, names):
        if not value:
            return None
        return ",".join(self._one(t) for t in value)

    @staticmethod
    def _one(target):
        low, high = target.get("addressFrom"), target.get("addressTo")
        text = low if low == high or not high else f"{low}-{high}"
        port_from, port_to = target.get("portFrom") or 0, target.get("portTo") or 0
        if port_from:
            text += f":{port_from}" if port_from == port_to else f":{port_from}-{port_to}"
        return text


class FlowFlags(Kind):
    """`fwd-flow` / `return-flow`: which of two JSON flags is set."""

    expected = "fwd-flow or return-flow"
    values = ("fwd-flow", "return-flow")
    KEYS = {"fwd-flow": "matchForwardFlow", "return-flow": "matchReturnFlow"}

    def parse(self, text):
        if text not in self.KEYS:
            self.fail(text)
        return text

    def read(self, attr, doc):
        for word, key in self.KEYS.items():
            if doc.get(key):
                return word
        return None

    def write(self, attr, doc, value):
        for word, key in self.KEYS.items():
            doc[key] = value == word


class ReferenceList(Reference):
    """Comma-separated references (mirrors, in-ports); printed as comma-separated names."""

    def __init__(self, item):
        super().__init__(item.target)
        self.item = item
        self.expected = f"comma-separated {item.target} aliases or UUIDs"

    def cleared(self):
        return []

    def format(self, value, names):
        if not value:
            return None
        return ",".join(self.item.format(v, names) for v in value)


class DeviceReference(Reference):
    """One of a trace request's port/router/bridge: a shared deviceId told apart by deviceType."""

    def __init__(self, target, device_type, item=None):
        super().__init__(target)
        self.device_type = device_type
        self.item = item or Reference(target)
        self.expected = self.item.expected

    def read(self, attr, doc):
        return doc.get("deviceId") if doc.get("deviceType") == self.device_type else None

    def write(self, attr, doc, value):
        doc["deviceId"], doc["deviceType"] = value, self.device_type

    def format(self, value, names):
        return self.item.format(value, names)
