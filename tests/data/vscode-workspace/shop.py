def order(name, extras=[]):
    items = [name] + extras
    print(items)
