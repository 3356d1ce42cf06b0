"""Wrong: building and returning a list reads every line before the caller gets the first number."""


def parse_numbers(lines):
    return [int(line) for line in lines if line.strip()]
