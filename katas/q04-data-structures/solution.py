"""Data structures kata: a reference solution."""


def first_repeat(items):
    """The first item seen a second time, or None."""
    seen = set()  # membership by hash: no scan
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


def word_counts(text):
    """Each lower-cased word of `text`, mapped to how often it appears."""
    counts = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def common_tags(a, b):
    """The tags in both lists, each once, sorted."""
    return sorted(set(a) & set(b))
