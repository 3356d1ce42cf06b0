"""Wrong: the 'f' type code stores 4-byte floats, which round most Python floats; 'd' keeps them exactly."""

from array import array


def pack(values):
    return array("f", values)
