"""Wrong: a merge does not check that keys are unique; a duplicate customer silently copies order rows."""


def orders_with_customers(orders, customers):
    return orders.merge(customers, on="customer_id", how="left")
