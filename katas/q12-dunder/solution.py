"""Dunder kata: a reference solution."""

from dataclasses import dataclass


# frozen: a Money never changes, so its hash stays right while it sits in a set.
# eq=False: we write __eq__ and __hash__ ourselves; dataclass keeps our __repr__ too.
@dataclass(frozen=True, eq=False)
class Money:
    cents: int
    currency: str = "EUR"

    def __repr__(self):
        return f"Money({self.cents!r}, {self.currency!r})"

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented  # let Python try the other side, then say False
        return (self.cents, self.currency) == (other.cents, other.currency)

    def __hash__(self):
        # Equal objects must hash alike: hash the same fields __eq__ compares.
        return hash((self.cents, self.currency))

    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.cents + other.cents, self.currency)
