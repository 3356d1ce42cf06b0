"""Wrong: returning False for another type stops Python from asking the other operand."""


class Money(Money):
    def __eq__(self, other):
        if not isinstance(other, Money):
            return False
        return (self.cents, self.currency) == (other.cents, other.currency)

    __hash__ = Money.__hash__
