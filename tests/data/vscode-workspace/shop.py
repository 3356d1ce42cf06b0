def order(name, extras=[]):
    extras.append(name)
    print(extras)
