"""Wrong: a file nobody closes is closed only when it is collected, at a time nothing guarantees."""


def longest_line(path):
    longest = ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\r\n")
        if len(line) > len(longest):
            longest = line
    return longest
