"""Wrong: errors='ignore' hides the damage by dropping bytes; 'replace' keeps a visible mark where each was."""


def read_damaged(path):
    with open(path, encoding="utf-8", errors="ignore") as file:
        return file.read()
