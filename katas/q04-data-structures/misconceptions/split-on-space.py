"""Wrong: `split(" ")` splits on each single space, leaving empty strings, tabs and newlines in."""


def word_counts(text):
    counts = {}
    for word in text.lower().split(" "):
        counts[word] = counts.get(word, 0) + 1
    return counts
