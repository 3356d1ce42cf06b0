"""pandas merge kata: a reference solution."""


def orders_with_customers(orders, customers):
    """Every order with its customer's name and city."""
    # Say the join type and the key; `validate` refuses duplicate customer ids.
    return orders.merge(customers, on="customer_id", how="left", validate="many_to_one")


def totals_per_customer(customers, orders):
    """customer_id, name and total for every customer, sorted by customer_id."""
    sums = orders.groupby("customer_id", as_index=False)["amount"].sum()
    sums = sums.rename(columns={"amount": "total"})
    merged = customers[["customer_id", "name"]].merge(sums, on="customer_id", how="left")
    merged["total"] = merged["total"].fillna(0)
    return merged.sort_values("customer_id").reset_index(drop=True)


def purchases(orders, customers, products):
    """order_id, name_customer and name_product for every order."""
    with_customers = orders.merge(customers, on="customer_id", how="left")
    merged = with_customers.merge(
        products, on="product_id", how="left", suffixes=("_customer", "_product")
    )
    return merged[["order_id", "name_customer", "name_product"]]
