"""Wrong: separate locks for deposit and withdraw do not stop one from overwriting the other."""

import threading
import time


class Account:
    def __init__(self, balance=0):
        self.balance = balance
        self._deposit_lock = threading.Lock()
        self._withdraw_lock = threading.Lock()

    def deposit(self, amount):
        with self._deposit_lock:
            current = self.balance
            time.sleep(0)
            self.balance = current + amount

    def withdraw(self, amount):
        with self._withdraw_lock:
            if self.balance >= amount:
                time.sleep(0)
                self.balance -= amount
                return True
            return False
