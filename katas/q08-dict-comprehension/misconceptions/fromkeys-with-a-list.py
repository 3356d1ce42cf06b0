"""Wrong: `dict.fromkeys(values, [])` stores one shared list under every key."""


def group_by_value(mapping):
    groups = dict.fromkeys(mapping.values(), [])
    for key, value in mapping.items():
        groups[value].append(key)
    return {value: sorted(keys) for value, keys in groups.items()}
