"""Wrong: a conditional expression in the value keeps every key; only a trailing `if` filters."""


def affordable(prices, budget):
    return {item: (price if price <= budget else None) for item, price in prices.items()}
