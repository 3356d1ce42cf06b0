"""A learner's shopping cart: practice code with a few classic pitfalls."""


class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price

    def __eq__(self, other):
        return (self.name, self.price) == (other.name, other.price)


def add_item(item, cart=[]):
    cart.append(item)
    return cart


def unique_names(items):
    names = []
    for item in items:
        if item.name not in names:
            names.append(item.name)
    return names
