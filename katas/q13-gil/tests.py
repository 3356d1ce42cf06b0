import threading

from gil import Account

THREADS = 8


def run_together(work):
    """Start THREADS threads on `work` at the same moment and wait for them."""
    start = threading.Barrier(THREADS)
    results = []

    def worker():
        start.wait()
        results.append(work())

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_one_thread_deposits():
    account = Account(10)
    account.deposit(5)
    assert account.balance == 15, f"10 + 5 should be 15, got {account.balance}"


def test_deposits_from_many_threads_all_count():
    account = Account()

    def deposit_fifty_times():
        for _ in range(50):
            account.deposit(1)

    run_together(deposit_fifty_times)
    assert account.balance == 400, (
        f"8 threads depositing 1 fifty times should make 400, got {account.balance}: "
        "some deposits were lost"
    )


def test_withdraw_refuses_what_is_not_there():
    account = Account(5)
    assert account.withdraw(3) is True, "withdrawing 3 from 5 should succeed"
    assert account.withdraw(3) is False, "withdrawing 3 from 2 should be refused"
    assert account.balance == 2, f"the balance should be 2, got {account.balance}"


def test_withdrawals_from_many_threads_never_overdraw():
    account = Account(100)

    def withdraw_five_times():
        return sum(account.withdraw(10) for _ in range(5))

    taken = sum(run_together(withdraw_five_times))
    assert account.balance >= 0, f"the balance went negative: {account.balance}"
    assert taken == 10 and account.balance == 0, (
        f"exactly 10 withdrawals of 10 fit in 100; {taken} succeeded and the balance is "
        f"{account.balance}"
    )
