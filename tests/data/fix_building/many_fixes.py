"""Many fixable findings of every kind, for tests/rules/test_fix_building.py."""

from typing import Optional


def plain(a=[]): pass


def annotated(items: list[int] = [], *, seen: set[str] = set()) -> int:
    """Counts."""
    return len(items) + len(seen)


def keyword_only(*, cache={}):
    cache["x"] = 1
    return cache


def positional_only(values=[], /, extra=None):
    if extra is None:
        extra = []
    return values + extra


def optional_style(names: list[str] = []) -> Optional[int]:
    return len(names)


def guarded(first=[], second={}):
    if first is None:
        first = []
    return first, second


class Box:
    def add(self, item, bucket=[]):
        bucket.append(item)
        return bucket

    def __eq__(self, other):
        return self is other


def reads(lines):
    handle = open("x.txt")
    for line in handle.readlines():
        print(line)
    for i in range(len(lines)):
        print(lines[i])
    total = ""
    for line in lines:
        total += line
    return [x for x in lines], handle


def emoji(name="é😀", tags=[]):  # non-BMP text before the default
    return name, tags


def gone():
    import gc

    gc.collect()
    x = 1
    del x


def f1(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f2(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f3(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f4(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f5(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f6(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f7(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f8(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f9(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f10(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f11(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f12(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f13(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f14(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f15(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f16(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f17(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f18(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f19(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f20(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f21(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f22(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f23(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f24(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f25(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f26(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f27(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f28(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f29(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f30(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f31(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f32(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f33(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f34(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f35(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f36(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f37(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f38(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f39(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e


def f40(a, b: dict = {}, *c, d=[], **e):
    return a, b, c, d, e
