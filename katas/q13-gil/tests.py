import sys
import threading
import time

from gil import Account

THREADS = 8


class Amount(int):
    """An int whose arithmetic gives other threads a turn, as any Python code may.

    Converting currencies, logging or reading a rate would do the same: the GIL
    is released around I/O and handed over between bytecodes, so `+=` on a
    shared attribute is a read, some work, and a write, not one step.
    """

    def _pause(self):
        time.sleep(0)

    def __radd__(self, other):
        self._pause()
        return int(other) + int(self)

    def __rsub__(self, other):
        self._pause()
        return int(other) - int(self)

    def __le__(self, other):
        self._pause()
        return int(self) <= int(other)

    def __ge__(self, other):
        self._pause()
        return int(self) >= int(other)


def run_together(work):
    """Start THREADS threads on `work` at the same moment and wait for them."""
    start = threading.Barrier(THREADS, timeout=5)
    results = []
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter allows

    def worker():
        start.wait()
        results.append(work())

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=8)
    finally:
        sys.setswitchinterval(previous)
    assert not any(thread.is_alive() for thread in threads), (
        "the threads did not finish: is a lock taken twice (a plain Lock is not re-entrant)?"
    )
    return results


def test_one_thread_deposits():
    account = Account(10)
    account.deposit(5)
    assert account.balance == 15, f"10 + 5 should be 15, got {account.balance}"


def test_deposits_from_many_threads_all_count():
    account = Account()

    def deposit_fifty_times():
        for _ in range(50):
            account.deposit(Amount(1))

    run_together(deposit_fifty_times)
    assert account.balance == 400, (
        f"8 threads depositing 1 fifty times should make 400, got {account.balance}: some "
        "deposits were lost. The GIL does not make `read, add, write back` one step; "
        "hold one lock across the whole read-modify-write"
    )


def test_withdraw_refuses_what_is_not_there():
    account = Account(5)
    assert account.withdraw(3) is True, "withdrawing 3 from 5 should succeed"
    assert account.withdraw(3) is False, "withdrawing 3 from 2 should be refused"
    assert account.balance == 2, f"the balance should be 2, got {account.balance}"


def test_withdrawals_from_many_threads_never_overdraw():
    account = Account(100)

    def withdraw_five_times():
        return sum(account.withdraw(Amount(10)) for _ in range(5))

    taken = sum(run_together(withdraw_five_times))
    assert account.balance >= 0, (
        f"the balance went negative: {account.balance}; between the check and the change "
        "another thread withdrew too (check-then-act); do both under the same lock"
    )
    assert taken == 10 and account.balance == 0, (
        f"exactly 10 withdrawals of 10 fit in 100; {taken} succeeded and the balance is "
        f"{account.balance}: the check and the change must happen under the same lock"
    )


def test_deposits_and_withdrawals_together_keep_the_books():
    account = Account(400)

    def mixed():
        taken = 0
        for _ in range(25):
            account.deposit(Amount(2))
            taken += account.withdraw(Amount(2))
        return taken

    taken = sum(run_together(mixed))
    expected = 400 + 8 * 25 * 2 - taken * 2
    assert account.balance == expected, (
        f"after the deposits and {taken} withdrawals the balance should be {expected}, it "
        f"is {account.balance}: deposit and withdraw must share one lock, or each can "
        "overwrite the other's write"
    )
