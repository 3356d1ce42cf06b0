"""GIL kata: a reference solution."""

import threading
import time


class Account:
    def __init__(self, balance=0):
        self.balance = balance
        # One lock for everything that reads and writes the balance.
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:  # read, wait and write as one step for other threads
            current = self.balance
            time.sleep(0)  # stands for I/O; other threads run, but wait for the lock
            self.balance = current + amount

    def withdraw(self, amount):
        with self._lock:  # the check and the change under the same lock
            if self.balance >= amount:
                time.sleep(0)
                self.balance -= amount
                return True
            return False
