"""Wrong: a lambda looks `factor` up when it is called, not when it is made, so all see the last one."""


def make_multipliers(n):
    return [lambda x: x * factor for factor in range(n)]
