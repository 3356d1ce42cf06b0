"""Dunder kata: see README.md."""


class Money:
    def __init__(self, cents, currency="EUR"):
        self.cents = cents
        self.currency = currency

    def __repr__(self):
        return "<Money>"  # TODO: what should a repr show?

    def __eq__(self, other):
        # TODO: Money(1) == 1 raises AttributeError; and what happened to hashing?
        return self.cents == other.cents and self.currency == other.currency

    def __add__(self, other):
        # TODO: same currency only; NotImplemented for other types
        return Money(self.cents + other.cents)
