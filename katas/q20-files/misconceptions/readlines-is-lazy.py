"""Wrong: `readlines()` is not lazy: it builds a list of every line of the file at once."""


def longest_line(path):
    with open(path, encoding="utf-8") as file:
        lines = [line.rstrip("\r\n") for line in file.readlines()]
    return max(lines, key=len, default="")
