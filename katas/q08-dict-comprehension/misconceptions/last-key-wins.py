"""Wrong: inverting with a comprehension keeps only the last key for each value; the others vanish."""


def group_by_value(mapping):
    return {value: [key] for key, value in mapping.items()}
