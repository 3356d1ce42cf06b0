"""Wrong: a def inside a loop is a closure over the loop variable, not a snapshot of it."""


def make_multipliers(n):
    functions = []
    for factor in range(n):

        def multiply(x):
            return x * factor

        functions.append(multiply)
    return functions
