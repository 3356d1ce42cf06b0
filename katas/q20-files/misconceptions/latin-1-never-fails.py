"""Wrong: latin-1 decodes any bytes without an error, because it misreads every multi-byte UTF-8 character."""


def read_damaged(path):
    with open(path, encoding="latin-1") as file:
        return file.read()
