def remember(value, seen=[]):
    seen.append(value)
    print(seen)


def count(words):
    total = 0
    for word in words:
        total += len(word)
    return total
