"""Wrong: `append` changes the caller's list; returning it does not make it a new one."""


def with_item(items, item):
    items.append(item)
    return items
