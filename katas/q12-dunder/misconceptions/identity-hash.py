"""Wrong: the default hash is per object, so two equal Money land in different buckets of a set."""


class Money(Money):
    __hash__ = object.__hash__
