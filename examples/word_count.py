"""Count words in a text file, the way many first attempts do."""

total_words = 0


def count_words(path):
    global total_words
    text = open(path, encoding="utf-8").read()
    for word in text.split():
        if word.lower() in ["the", "a", "an"]:
            continue
        total_words += 1
    return total_words


def read_lines(path):
    for line in open(path):
        yield line.rstrip("\n")
