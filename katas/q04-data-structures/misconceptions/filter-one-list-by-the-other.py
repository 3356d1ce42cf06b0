"""Wrong: filtering one list by the other keeps its repeats and scans the other list each time."""


def common_tags(a, b):
    return sorted(tag for tag in a if tag in b)
