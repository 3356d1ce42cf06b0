"""Wrong: a check made before taking the lock may be stale by the time the change happens."""

import threading
import time


class Account:
    def __init__(self, balance=0):
        self.balance = balance
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:
            current = self.balance
            time.sleep(0)
            self.balance = current + amount

    def withdraw(self, amount):
        if self.balance >= amount:
            time.sleep(0)
            with self._lock:
                self.balance -= amount
            return True
        return False
