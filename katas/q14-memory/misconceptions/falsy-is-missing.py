"""Wrong: 0, "" and [] are falsy but present; `not value` cannot tell them from None."""


def is_missing(value):
    return not value
