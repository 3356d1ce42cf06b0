"""Wrong: `validate` reads left to right; with orders on the left, one customer to many orders is many_to_one."""


def orders_with_customers(orders, customers):
    return orders.merge(customers, on="customer_id", how="left", validate="one_to_many")
