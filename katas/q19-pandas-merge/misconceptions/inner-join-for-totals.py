"""Wrong: joining customers to their sums with the default inner join drops customers without orders."""


def totals_per_customer(customers, orders):
    sums = orders.groupby("customer_id", as_index=False)["amount"].sum()
    sums = sums.rename(columns={"amount": "total"})
    merged = customers[["customer_id", "name"]].merge(sums, on="customer_id")
    return merged.sort_values("customer_id").reset_index(drop=True)
