"""Wrong: locking only the write still lets two threads read the same old balance first."""

import threading
import time


class Account:
    def __init__(self, balance=0):
        self.balance = balance
        self._lock = threading.Lock()

    def deposit(self, amount):
        current = self.balance
        time.sleep(0)
        with self._lock:
            self.balance = current + amount

    def withdraw(self, amount):
        with self._lock:
            if self.balance >= amount:
                self.balance -= amount
                return True
            return False
