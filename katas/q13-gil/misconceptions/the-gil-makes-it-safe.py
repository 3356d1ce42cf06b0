"""Wrong: the GIL runs one bytecode at a time, but `+=` on an attribute is a read, an add and a write."""


class Account:
    def __init__(self, balance=0):
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount

    def withdraw(self, amount):
        if self.balance >= amount:
            self.balance -= amount
            return True
        return False
