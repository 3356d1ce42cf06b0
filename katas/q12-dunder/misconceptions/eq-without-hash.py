"""Wrong: defining `__eq__` without `__hash__` sets `__hash__` to None: Money no longer fits in a set."""


class Money(Money):
    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.cents, self.currency) == (other.cents, other.currency)
