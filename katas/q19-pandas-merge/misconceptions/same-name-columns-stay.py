"""Wrong: two `name` columns do not stay `name`; pandas renames them name_x and name_y unless told otherwise."""


def purchases(orders, customers, products):
    with_customers = orders.merge(customers, on="customer_id", how="left")
    merged = with_customers.merge(products, on="product_id", how="left")
    merged = merged.rename(columns={"name_x": "name_customer", "name": "name_customer"})
    return merged.reindex(columns=["order_id", "name_customer", "name_product"])
