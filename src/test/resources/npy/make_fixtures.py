#!/usr/bin/python3
"""Writes the .npy / .npz fixtures of the Npy*Test and Npz*Test classes, and expected.json.

Run from this folder with any numpy >= 1.17 (format 3.0); the committed files were written by Debian's
/usr/bin/python3 with numpy 1.24:

    cd src/test/resources/npy && /usr/bin/python3 make_fixtures.py

expected.json holds what numpy itself reads back from each file (np.load), so the Java tests compare against the tool
that wrote the files. The object arrays are written with allow_pickle=True and never loaded.
"""
import json
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def base(n, dtype=np.float32):
    """0/7, 1/7, 2/7, ...: values that are not round in binary, so any byte or order mistake shows."""
    return (np.arange(n, dtype=np.float64) / 7).astype(dtype)


def describe(a):
    """dtype, shape, Fortran order and the values in row-major (C) order, as numpy reads them."""
    if a.dtype.kind == "f":
        values = [float(v) for v in a.astype(np.float64).ravel(order="C")]
    else:
        values = [int(v) for v in a.astype(np.int64).ravel(order="C")]
    return {"descr": a.dtype.str, "shape": list(a.shape), "fortran_order": bool(a.flags.f_contiguous
                                                                               and not a.flags.c_contiguous),
            "values": values}


expected = {}


def write_npy(name, array, version=None):
    with open(path(name), "wb") as f:
        if version is None:
            np.save(f, array)
        else:
            np.lib.format.write_array(f, array, version=version)
    expected[name] = describe(np.load(path(name)))


def record_npz(name):
    with np.load(path(name)) as z:
        expected[name] = {key: describe(z[key]) for key in z.files}


m = base(12).reshape(3, 4)
write_npy("v1_f4.npy", m)
write_npy("v2_f4.npy", m, version=(2, 0))
write_npy("v3_f4.npy", m, version=(3, 0))
write_npy("f2.npy", base(6, np.float16).reshape(2, 3))
write_npy("f8.npy", base(5, np.float64))
write_npy("be_f4.npy", m.astype(">f4"))
write_npy("be_f8.npy", base(6, np.float64).reshape(3, 2).astype(">f8"))
write_npy("be_f2.npy", base(4, np.float16).astype(">f2"))
write_npy("fortran_f4.npy", np.asfortranarray(m))
write_npy("fortran_be_f8_3d.npy", np.asfortranarray(base(24, np.float64).reshape(2, 3, 4).astype(">f8")))
write_npy("i8.npy", np.arange(-3, 3, dtype=np.int64))
write_npy("i4.npy", np.arange(4, dtype=np.int32).reshape(2, 2) * 1000)
write_npy("be_i4.npy", np.array([-5, 70000], dtype=">i4"))
write_npy("b1.npy", np.array([True, False, True]))
write_npy("u1.npy", np.array([0, 7, 255], dtype=np.uint8))
write_npy("scalar_f8.npy", np.array(2.5))
write_npy("empty_f4.npy", np.zeros((0, 3), dtype=np.float32))

# Pickled objects: the reader must refuse them (numpy itself does unless allow_pickle=True).
np.save(path("object.npy"), np.array([1, "a", None], dtype=object), allow_pickle=True)
np.save(path("structured_object.npy"), np.zeros(2, dtype=[("name", "O"), ("x", "<f4")]), allow_pickle=True)
np.save(path("structured.npy"), np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))
np.save(path("unicode.npy"), np.array(["ab", "c"]))

np.savez(path("arrays.npz"), weight=m, bias=base(4, np.float64), k=np.array(32, dtype=np.int64),
         fortran=np.asfortranarray(base(6).reshape(2, 3)))
record_npz("arrays.npz")
np.savez_compressed(path("compressed.npz"), weight=m, f16=base(8, np.float16).reshape(2, 4),
                    be=base(3, np.float64).astype(">f8"))
record_npz("compressed.npz")

# Zip64 records (a zip64 end of central directory and zip64 sizes and offsets in every entry) are normally written
# only past 4 GiB or 65535 entries; lowering Python's limits makes zipfile write them for small files too.
saved = zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT
zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 0
try:
    np.savez(path("zip64.npz"), a=m, b=base(3, np.float64))
finally:
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved
record_npz("zip64.npz")

np.savez(path("object.npz"), ok=m, bad=np.array([{"a": 1}], dtype=object))

with open(path("expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")

with open(path("zip64.npz"), "rb") as f:
    data = f.read()
assert b"PK\x06\x06" in data and b"PK\x06\x07" in data, "zip64.npz should hold zip64 end records"
