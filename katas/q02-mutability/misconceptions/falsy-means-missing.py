"""Wrong: `if not scores` treats the caller's empty dict as missing and replaces it."""


def record(name, points, scores=None):
    if not scores:
        scores = {}
    scores[name] = scores.get(name, 0) + points
    return scores[name]
