"""Wrong: a module-level counter is one value that every counter shares, not state of its own."""

count = 0


def make_counter(start=0):
    global count
    count = start

    def step():
        global count
        count += 1
        return count

    return step
