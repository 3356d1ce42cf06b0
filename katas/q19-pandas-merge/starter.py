"""pandas merge kata: see README.md."""

import pandas as pd


def orders_with_customers(orders, customers):
    """Every order with its customer's name and city."""
    return orders.merge(customers)  # TODO: which join? on which columns?


def totals_per_customer(customers, orders):
    """customer_id, name and total for every customer, sorted by customer_id."""
    # TODO: customers without orders need a total of 0
    merged = customers.merge(orders, on="customer_id")
    return pd.DataFrame({"customer_id": merged["customer_id"], "name": merged["name"]})


def purchases(orders, customers, products):
    """order_id, name_customer and name_product for every order."""
    # TODO: both tables have a `name` column
    merged = orders.merge(customers, on="customer_id").merge(products, on="product_id")
    return merged
