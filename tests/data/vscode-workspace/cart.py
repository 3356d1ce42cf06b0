def add(item, bucket=[]):
    bucket.append(item)
    return bucket


def read(path):
    f = open(path)
    return f.read()
