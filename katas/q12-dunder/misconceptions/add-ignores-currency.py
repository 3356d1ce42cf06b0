"""Wrong: adding the cents alone mixes currencies and stamps the default currency on the result."""


class Money(Money):
    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.cents + other.cents)
