"""GIL kata: see README.md."""

import time


class Account:
    def __init__(self, balance=0):
        self.balance = balance

    def deposit(self, amount):
        current = self.balance
        time.sleep(0)  # stands for I/O; other threads run here
        self.balance = current + amount  # TODO: was `current` still right?

    def withdraw(self, amount):
        if self.balance >= amount:  # TODO: is it still true on the next line?
            time.sleep(0)  # stands for I/O; other threads run here
            self.balance -= amount
            return True
        return False
