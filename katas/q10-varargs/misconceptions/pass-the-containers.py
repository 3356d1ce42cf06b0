"""Wrong: `func(args, kwargs)` passes a list and a dict as two arguments; the stars unpack them."""


def call_with(func, args, kwargs):
    return func(args, kwargs)
