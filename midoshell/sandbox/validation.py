"""Reading request bodies the way Jackson + Bean Validation do: typed fields, then violations."""

import ipaddress
import json
import uuid

from .errors import ApiError

INVALID_IP = "is an invalid IP format"
NOT_NULL = "may not be null"
# An IPv4 field with an un-messaged @Pattern: Hibernate Validator quotes the regex.
_OCTET = "([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])"
IPV4_PATTERN = f'must match "^({_OCTET}\\.){{3}}{_OCTET}$"'


def parse_json(raw):
    """Decode a request body into a dict; an empty body counts as `{}`."""
    if not raw or not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ApiError(400, f"Malformed JSON in request body: {exc}") from None
    if not isinstance(value, dict):
        raise ApiError(400, "Can not deserialize instance of the resource out of "
                            f"{_token(value)} token")
    _refuse_lone_surrogates(value)
    return value


def _refuse_lone_surrogates(value):
    """400 for a string holding half of a UTF-16 pair (`"\\ud800"`): it has no UTF-8 form,
    so the server cannot store it."""
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_lone_surrogates(key)
            _refuse_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_lone_surrogates(item)
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            unit = ord(value[exc.start])
            raise ApiError(400, f"Invalid JSON in request body: unpaired surrogate "
                                f"\\u{unit:04x} in a string") from None


def _token(value):
    """Jackson's name for the JSON token a value starts with, used in its messages."""
    if isinstance(value, list):
        return "START_ARRAY"
    if isinstance(value, dict):
        return "START_OBJECT"
    if isinstance(value, bool):
        return "VALUE_TRUE" if value else "VALUE_FALSE"
    if isinstance(value, (int, float)):
        return "VALUE_NUMBER_INT" if isinstance(value, int) else "VALUE_NUMBER_FLOAT"
    return "VALUE_STRING"


def _mapping_error(java_type, value, why=None):
    # Jackson fails the whole request on the first type mismatch, before bean validation.
    if isinstance(value, str) and why:
        return ApiError(400, f"Can not construct instance of {java_type} from String "
                             f"value '{value}': {why}")
    return ApiError(400, f"Can not deserialize instance of {java_type} out of "
                         f"{_token(value)} token")


def is_ipv4(text):
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def ipv6_text(text):
    """An IPv6 address as the server prints it: eight hex groups without leading zeros
    (fd00:0:0:0:0:0:0:1); ValueError when it is not one."""
    packed = ipaddress.IPv6Address(text.strip("[]")).packed
    return ":".join(f"{int.from_bytes(packed[i:i + 2], 'big'):x}" for i in range(0, 16, 2))


def to_uuid(value, java_type="java.util.UUID"):
    if value is None:
        return None
    if not isinstance(value, str):
        raise _mapping_error(java_type, value)
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise _mapping_error(java_type, value, "not a valid textual representation") from None


class Body:
    """Typed access to one request body; collects violations until `check()`."""

    def __init__(self, data):
        self.data = data
        self.violations = []

    def has(self, key):
        return self.data.get(key) is not None

    def violation(self, prop, message):
        self.violations.append({"property": prop, "message": message})

    def check(self):
        """Raise the 400 `Validation error(s) found` answer if anything was collected."""
        if self.violations:
            raise ApiError(400, "Validation error(s) found", violations=self.violations)

    def string(self, key, default=None, required=False, size=None):
        value = self.data.get(key)
        if isinstance(value, (list, dict)):
            raise _mapping_error("java.lang.String", value)
        if value is not None and not isinstance(value, str):
            value = json.dumps(value)  # Jackson turns scalars into their JSON text
        if value is None:
            if required:
                self.violation(key, NOT_NULL)
            return default
        if size and not size[0] <= len(value) <= size[1]:
            self.violation(key, f"size must be between {size[0]} and {size[1]}")
        return value

    def boolean(self, key, default=None):
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return default if value is None else value
        if isinstance(value, str) and value in ("true", "false"):
            return value == "true"
        if isinstance(value, int):
            return value != 0
        raise _mapping_error("boolean", value, 'only "true" or "false" recognized')

    def integer(self, key, default=None, low=None, high=None, required=False):
        value = self.data.get(key)
        if isinstance(value, str):
            try:
                value = int(value)
            except ValueError:
                raise _mapping_error("int", value, "not a valid Integer value") from None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise _mapping_error("int", value)
        if value is None:
            if required:
                self.violation(key, NOT_NULL)
            return default
        if low is not None and value < low:
            self.violation(key, f"must be greater than or equal to {low}")
        if high is not None and value > high:
            self.violation(key, f"must be less than or equal to {high}")
        return value

    def ipv4(self, key, required=False, message=INVALID_IP):
        value = self.string(key, required=required)
        if value is not None and not is_ipv4(value):
            self.violation(key, message)
        return value

    def uuid(self, key):
        return to_uuid(self.data.get(key))

    def uuid_list(self, key):
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise _mapping_error("java.util.List", value)
        if None in value:
            # A list of ids holds no nulls: the server cannot store one.
            raise ApiError(400, f"Invalid value for {key}: a list of IDs may not contain "
                                f"null")
        return [to_uuid(item) for item in value]

    def string_list(self, key):
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or any(isinstance(v, (list, dict)) for v in value):
            raise _mapping_error("java.util.List", value)
        if None in value:
            raise ApiError(400, f"Invalid value for {key}: the list may not contain null")
        return [v if isinstance(v, str) else json.dumps(v) for v in value]

    def enum(self, key, allowed, java_type, required=False):
        """A Java enum field: unknown values are Jackson errors naming the allowed values."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.violation(key, NOT_NULL)
            return None
        if not isinstance(value, str) or value not in allowed:
            names = ", ".join(allowed)
            raise _mapping_error(java_type, str(value),
                                 f"value not one of declared Enum instance names: [{names}]")
        return value
