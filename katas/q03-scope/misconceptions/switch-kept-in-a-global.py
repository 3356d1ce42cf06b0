"""Wrong: a verbose switch kept in a module global leaks from one call into every later call."""

VERBOSE = False


def describe(item, verbose=None):
    global VERBOSE
    if verbose is not None:
        VERBOSE = verbose
    if VERBOSE:
        return f"{item!r} ({type(item).__name__})"
    return str(item)
