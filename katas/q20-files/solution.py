"""Files kata: a reference solution."""


def count_matching(path, word):
    """How many lines of the file contain `word`, ignoring case."""
    wanted = word.lower()
    with open(path, encoding="utf-8") as file:
        return sum(wanted in line.lower() for line in file)  # one line in memory at a time


def longest_line(path):
    """The longest line, without its line ending."""
    longest = ""
    with open(path, encoding="utf-8") as file:
        for line in file:
            line = line.rstrip("\r\n")
            if len(line) > len(longest):
                longest = line
    return longest


def read_damaged(path):
    """The text, with undecodable bytes replaced by '\ufffd'."""
    with open(path, encoding="utf-8", errors="replace") as file:
        return file.read()
