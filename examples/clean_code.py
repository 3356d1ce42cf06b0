"""The same ideas written carefully: tutor has nothing to say here."""

STOP_WORDS = {"the", "a", "an"}


def add_item(item, cart=None):
    if cart is None:
        cart = []
    cart.append(item)
    return cart


def count_words(path):
    with open(path, encoding="utf-8") as handle:
        return sum(
            1 for line in handle for word in line.split() if word.lower() not in STOP_WORDS
        )
