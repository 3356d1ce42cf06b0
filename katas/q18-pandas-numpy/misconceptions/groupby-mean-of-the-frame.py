"""Wrong: `groupby(...).mean()` on the whole frame averages every column and returns a DataFrame, not one Series."""


def mean_by_city(frame):
    return frame.groupby("city").mean().sort_index().round(1)
