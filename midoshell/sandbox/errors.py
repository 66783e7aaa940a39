"""The sandbox's one exception type: an HTTP error answer in MidoNet's error-entity shape."""


class ApiError(Exception):
    """An error response: status, MidoNet message and optional bean-validation violations.

    `empty=True` is for the framework-generated answers (405, 406, 415, some 404/409) that
    the real server sends without a MidoNet error body.
    """

    def __init__(self, status, message=None, *, violations=None, empty=False,
                 headers=None, charset=False):
        super().__init__(message or str(status))
        self.status = status
        self.message = message
        self.violations = violations
        self.empty = empty
        self.headers = headers or {}
        self.charset = charset  # servlet-filter errors carry ";charset=UTF-8"

    def entity(self):
        body = {"message": self.message, "code": self.status}
        if self.violations is not None:
            body["violations"] = self.violations
        return body


def not_found(proto, obj_id):
    """The storage layer's 404 for a missing object, e.g. `There is no Router with ID x.`"""
    shown = "null" if obj_id is None else obj_id  # as Java prints a missing id
    return ApiError(404, f"There is no {proto} with ID {shown}.")


def already_exists(proto, obj_id):
    return ApiError(409, f"A(n) {proto} with ID {obj_id} already exists.")


def bad_request(message):
    return ApiError(400, message)


def method_not_allowed():
    return ApiError(405, empty=True)
