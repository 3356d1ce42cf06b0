from copying import clone_grid, merged, snapshot


def test_merged_applies_the_overrides():
    got = merged({"debug": False, "level": 1}, {"level": 3})
    assert got == {"debug": False, "level": 3}, (
        f"expected {{'debug': False, 'level': 3}}, got {got}"
    )


def test_merged_leaves_the_defaults_alone():
    defaults = {"debug": False}
    merged(defaults, {"debug": True})
    assert defaults == {"debug": False}, (
        f"the caller's defaults changed to {defaults}: assignment copies nothing, so "
        "updating `settings` updated the caller's dict"
    )


def test_clone_grid_copies_the_values():
    grid = [[1, 2], [3, 4]]
    got = clone_grid(grid)
    assert got == grid, f"the copy should hold the same values, got {got}"


def test_clone_grid_rows_are_independent():
    grid = [[0, 0], [0, 0]]
    copy = clone_grid(grid)
    copy[0][0] = "X"
    assert grid == [[0, 0], [0, 0]], (
        f"changing the copy changed the original: {grid}; a shallow copy makes a new "
        "outer list that holds the same row lists"
    )


def test_snapshot_is_independent_at_every_depth():
    state = {"players": [{"name": "ann", "items": ["key"]}]}
    saved = snapshot(state)
    state["players"][0]["items"].append("map")
    state["players"].append({"name": "bob", "items": []})
    expected = {"players": [{"name": "ann", "items": ["key"]}]}
    assert saved == expected, (
        f"later changes reached the snapshot: {saved}; copying one or two levels still "
        "shares what is nested deeper; copy the whole structure recursively"
    )
