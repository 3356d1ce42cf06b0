"""Wrong: `is` asks whether two names hold the same object; equal values built at run time are often two objects."""


def same_value(a, b):
    return a is b
