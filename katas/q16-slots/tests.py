import inspect
from array import array

from slots import Point, pack, read_points


def test_point_keeps_its_coordinates():
    point = Point(1.5, 2)
    assert (point.x, point.y) == (1.5, 2), f"expected x=1.5, y=2, got {point.x}, {point.y}"


def test_point_has_no_instance_dict():
    point = Point(0, 0)
    assert not hasattr(point, "__dict__"), (
        "Point instances still have a __dict__: declare __slots__, in this class and in "
        "every class it inherits from (one base without __slots__ brings __dict__ back)"
    )


def test_point_refuses_unknown_attributes():
    point = Point(0, 0)
    try:
        point.z = 1
    except AttributeError:
        return
    raise AssertionError("setting point.z should raise AttributeError")


def test_pack_returns_an_array_of_doubles():
    packed = pack([1.0, 2.5, 4])
    assert isinstance(packed, array), f"expected an array.array, got {type(packed).__name__}"
    assert packed.typecode == "d", (
        f"expected type code 'd' (8-byte doubles), got {packed.typecode!r}: 'f' keeps only "
        "single precision"
    )
    assert list(packed) == [1.0, 2.5, 4.0], f"expected [1.0, 2.5, 4.0], got {list(packed)}"


def test_read_points_is_a_generator():
    assert inspect.isgeneratorfunction(read_points), "read_points should yield its points"


def lines_that_must_not_be_read_ahead():
    yield "1,2"
    raise AssertionError(
        "read_points read ahead of the caller: building a list (even inside `yield from`) "
        "makes every Point before the first one is used; yield each Point as you parse it"
    )


def test_read_points_makes_one_point_at_a_time():
    first = next(read_points(lines_that_must_not_be_read_ahead()))
    assert (first.x, first.y) == (1.0, 2.0), f"expected the point (1.0, 2.0), got {first}"


def test_read_points_reads_coordinates():
    points = list(read_points(["1.5,2", "-3,0.25"]))
    got = [(point.x, point.y) for point in points]
    assert got == [(1.5, 2.0), (-3.0, 0.25)], f"expected [(1.5, 2.0), (-3.0, 0.25)], got {got}"
