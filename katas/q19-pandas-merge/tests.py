import pandas as pd
from pandas_merge import orders_with_customers, purchases, totals_per_customer


def customers():
    return pd.DataFrame(
        {"customer_id": [2, 1, 3], "name": ["Bob", "Ann", "Cy"], "city": ["Rome", "Oslo", "Lima"]}
    )


def orders():
    return pd.DataFrame(
        {
            "order_id": [10, 11, 12, 13],
            "customer_id": [1, 3, 1, 9],
            "product_id": [100, 101, 101, 100],
            "amount": [20, 5, 10, 7],
        }
    )


def products():
    return pd.DataFrame({"product_id": [100, 101], "name": ["tea", "cake"]})


def test_every_order_is_kept():
    try:
        got = orders_with_customers(orders(), customers())
    except pd.errors.MergeError as exc:
        raise AssertionError(
            f"the merge refused ordinary data ({exc}): validate names the left side first; "
            "many orders share a customer, so it is many_to_one, not one_to_many"
        ) from None
    ids = got["order_id"].tolist()
    assert ids == [10, 11, 12, 13], (
        f"expected the orders 10, 11, 12, 13 in order, got {ids}: merge is an inner join "
        "unless told otherwise, so an order without a known customer disappears"
    )


def test_orders_get_their_customers_details():
    got = orders_with_customers(orders(), customers()).set_index("order_id")
    assert got.loc[11, "name"] == "Cy" and got.loc[11, "city"] == "Lima", (
        "order 11 belongs to Cy from Lima"
    )
    assert pd.isna(got.loc[13, "name"]), (
        "order 13's customer is unknown, so its name should be missing"
    )


def test_duplicate_customers_are_refused():
    doubled = pd.concat([customers(), customers().iloc[[1]]], ignore_index=True)
    try:
        got = orders_with_customers(orders(), doubled)
    except pd.errors.MergeError:
        return
    raise AssertionError(
        f"customer 1 appears twice, and the result silently grew to {len(got)} rows; "
        "make the merge validate the keys"
    )


def test_totals_include_customers_without_orders():
    got = totals_per_customer(customers(), orders())
    assert list(got.columns) == ["customer_id", "name", "total"], (
        f"expected the columns customer_id, name, total, got {list(got.columns)}"
    )
    rows = list(
        zip(got["customer_id"].tolist(), got["name"].tolist(), got["total"].tolist(), strict=True)
    )
    expected = [(1, "Ann", 30), (2, "Bob", 0), (3, "Cy", 5)]
    assert rows == expected, (
        f"expected {expected}, got {rows}: a customer without orders must stay, with a "
        "total of 0 (a left join from the customers, then fill the gaps)"
    )


def test_purchases_name_both_name_columns():
    got = purchases(orders(), customers(), products())
    assert list(got.columns) == ["order_id", "name_customer", "name_product"], (
        f"expected the columns order_id, name_customer, name_product, got {list(got.columns)}: "
        "when both sides have a `name` column, pandas renames them name_x and name_y "
        "unless you choose the suffixes"
    )
    assert len(got) == 4, f"every order should be there, got {len(got)} rows"
    first = got.iloc[0].tolist()
    assert first == [10, "Ann", "tea"], f"order 10 is Ann buying tea, got {first}"
