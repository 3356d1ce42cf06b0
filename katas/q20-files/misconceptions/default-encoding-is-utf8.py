"""Wrong: without `encoding`, open() uses the locale's encoding, which is not UTF-8 everywhere before 3.15."""


def count_matching(path, word):
    wanted = word.lower()
    with open(path) as file:
        return sum(wanted in line.lower() for line in file)
