"""The same ideas written carefully: tutor has nothing to say here."""

STOP_WORDS = {"the", "a", "an"}


def add_item(item, cart=None):
    """A new cart with the item added: the caller's cart is left as it was."""
    return [*(cart or []), item]


def count_words(path):
    with open(path, encoding="utf-8") as handle:
        return sum(
            1 for line in handle for word in line.split() if word.lower() not in STOP_WORDS
        )
