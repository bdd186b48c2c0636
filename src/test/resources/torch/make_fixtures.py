#!/usr/bin/python3
"""Writes the torch.save fixtures of TorchCheckpointReaderTest and TorchHostileInputTest, and expected.json.

Run from this folder with Debian's PyTorch (apt-get install -y python3-torch, PyTorch 1.13):

    cd src/test/resources/torch && /usr/bin/python3 make_fixtures.py

Every value is deterministic (arange / 7 and friends), and expected.json holds what PyTorch itself reads back from
each file, so the Java tests compare against the tool that wrote the files rather than against the Java reader.
The hostile files are real torch zip archives (written by torch's own PyTorchFileWriter, or by torch.save of an
object whose __reduce__ names a dangerous function); nothing here ever loads them.
"""
import collections
import json
import os
import pickle
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def base(n, dtype=torch.float32):
    """0/7, 1/7, 2/7, ...: values that are not round in binary, so any byte or stride mistake shows."""
    return (torch.arange(n, dtype=torch.float64) / 7).to(dtype)


def describe(t):
    """What the test expects of one tensor: dtype, shape and values in row-major order, as PyTorch sees them."""
    if t.dtype.is_floating_point:
        values = t.double().flatten().tolist()
    elif t.dtype == torch.bool:
        values = [1 if v else 0 for v in t.flatten().tolist()]
    else:
        values = t.flatten().tolist()
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "values": values,
            "parameter": isinstance(t, torch.nn.Parameter), "stride": list(t.stride()),
            "storage_offset": t.storage_offset()}


def flatten(obj, prefix, tensors, values):
    """Dotted names, the way the Java reader names nested entries."""
    if isinstance(obj, torch.Tensor):
        tensors[prefix] = describe(obj)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            flatten(v, f"{prefix}.{k}" if prefix else str(k), tensors, values)
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            flatten(v, f"{prefix}.{i}" if prefix else str(i), tensors, values)
    else:
        values[prefix] = obj


expected = {}


def save(name, obj, **kwargs):
    torch.save(obj, path(name), **kwargs)
    # The truth is what torch.load reads back, not what we meant to write.
    loaded = torch.load(path(name))
    tensors, values = {}, {}
    flatten(loaded, "", tensors, values)
    # sort_keys below loses the file's order; the list keeps it.
    expected[name] = {"tensors": tensors, "values": values, "tensor_order": list(tensors)}


# Every dtype the reader converts, contiguous.
save("dtypes.pt", {
    "f32": base(12).reshape(3, 4),
    "f16": base(12, torch.float16).reshape(4, 3),
    "bf16": base(6, torch.bfloat16).reshape(2, 3),
    "f64": base(5, torch.float64),
    "i64": torch.arange(-3, 3, dtype=torch.int64),
    "i32": torch.arange(4, dtype=torch.int32).reshape(2, 2) * 1000,
    "i16": torch.tensor([-2, 7], dtype=torch.int16),
    "i8": torch.tensor([-128, 127], dtype=torch.int8),
    "u8": torch.tensor([0, 255], dtype=torch.uint8),
    "bool": torch.tensor([True, False, True]),
    "scalar": torch.tensor(2.5),
    "empty": torch.zeros(0, 3),
})

# Views of one storage: offsets, strides, a transpose and a non-contiguous slice, all saved once.
b = base(24).reshape(4, 6)
save("views.pt", {
    "base": b,
    "transposed": b.t(),
    "row": b[2],
    "slice": b[1:3, 2:5],
    "every_other": b[:, ::2],
    "column": b[:, 4],
})

# A checkpoint in the shape of a training run: an OrderedDict state_dict, Parameters, plain values.
torch.manual_seed(0)
linear = torch.nn.Linear(3, 2)
with torch.no_grad():
    linear.weight.copy_(base(6).reshape(2, 3))
    linear.bias.copy_(torch.tensor([0.5, -0.25]))
state = linear.state_dict()
assert isinstance(state, collections.OrderedDict)
save("nested.pt", {
    "state_dict": state,
    "params": {"weight": linear.weight, "tied": linear.weight},
    "step": 1000,
    "big": 2 ** 40,
    "name": "sae",
    "lr": 1e-3,
    "flags": [True, False, None],
    "shape": (2, 3),
    "cfg": {"k": 32, "postact_fn": "ReLU", "layers": [{"w": base(2)}, {"w": base(3)}]},
    "k": torch.tensor(32),
})

# OpenAI's sparse_autoencoder layout: tensors next to the activation's name and its own state dict.
save("openai_like.pt", collections.OrderedDict([
    ("pre_bias", base(4)),
    ("latent_bias", base(8)),
    ("encoder.weight", base(32).reshape(8, 4)),
    ("decoder.weight", base(32).reshape(4, 8)),
    ("activation", "TopK"),
    ("activation_state_dict", {"k": 32, "postact_fn": "ReLU"}),
]))

# A bare tensor as the whole file, and protocol 4 (STACK_GLOBAL, FRAME, MEMOIZE) instead of torch's default 2.
save("bare_tensor.pt", base(3))
save("protocol4.pt", {"w": base(6).reshape(3, 2).t(), "n": 7, "s": "x"}, pickle_protocol=4)

# The legacy (pre-1.6) format: a bare pickle stream, no zip.
torch.save({"w": base(3)}, path("legacy.pt"), _use_new_zipfile_serialization=False)

with open(path("expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")


# --- Hostile files. Each is a valid torch zip whose data.pkl would run code in torch.load (weights_only=False).


def raw_archive(name, pickle_bytes, records=()):
    """A torch zip written by torch's own writer, holding exactly the given data.pkl (and storages)."""
    w = torch._C.PyTorchFileWriter(path(name))
    w.write_record("data.pkl", pickle_bytes, len(pickle_bytes))
    for record_name, data in records:
        w.write_record(record_name, data, len(data))
    w.write_record("version", b"3\n", 2)
    w.write_end_of_file()


def call_global(module, name, arg):
    """Protocol 2: GLOBAL module name; MARK arg TUPLE; REDUCE; STOP."""
    a = arg.encode()
    return (b"\x80\x02c" + module.encode() + b"\n" + name.encode() + b"\n(X" + struct.pack("<I", len(a)) + a
            + b"tR.")


raw_archive("evil_os_system.pt", call_global("os", "system", "echo pwned"))
raw_archive("evil_posix_system.pt", call_global("posix", "system", "echo pwned"))
raw_archive("evil_builtins_eval.pt", call_global("builtins", "eval", "print('pwned')"))
raw_archive("evil_builtin_eval.pt", call_global("__builtin__", "eval", "print('pwned')"))
raw_archive("evil_builtins_exec.pt", call_global("builtins", "exec", "print('pwned')"))
raw_archive("evil_subprocess_popen.pt", call_global("subprocess", "Popen", "echo pwned"))
# Pyrolite has constructors for these by default; the reader must not use them.
raw_archive("evil_builtin_bytearray.pt", call_global("__builtin__", "bytearray", "x"))
raw_archive("evil_datetime.pt", call_global("datetime", "datetime", "x"))
# A name beside the allowed ones in an allowed module.
raw_archive("evil_torch_load.pt", call_global("torch", "load", "other.pt"))
raw_archive("evil_torch_utils_import.pt", call_global("torch._utils", "_import_dotted_name", "os.system"))


class Evil:
    """What an attacker puts into a real checkpoint: torch.save pickles it as a call of its __reduce__ target."""

    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg

    def __reduce__(self):
        return self.fn, (self.arg,)


# Hidden deep inside an otherwise ordinary state dict, after real tensors; written by torch.save itself.
torch.save({"state_dict": collections.OrderedDict([("encoder.weight", base(4).reshape(2, 2)),
                                                   ("decoder", {"bias": base(2), "hook": Evil(os.system, "echo pwned")})])},
           path("evil_nested.pt"))
# The same with protocol 4, where the global arrives through STACK_GLOBAL (as 'posix system' on Linux).
torch.save({"state_dict": {"w": base(2), "x": [1, 2, Evil(eval, "print('pwned')")]}}, path("evil_nested_p4.pt"),
           pickle_protocol=4)
# A numpy array inside a checkpoint: the classic gadget site (numpy.core.multiarray._reconstruct), refused by name.
import numpy as np  # noqa: E402

torch.save({"w": base(2), "np": np.arange(3)}, path("numpy_inside.pt"))

# A TorchScript archive is a zip with data.pkl too, but also constants.pkl and code/.
torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), path("torchscript.pt"))

# Checks that the hostile pickles are what they claim (without loading them).
for f in sorted(os.listdir(HERE)):
    if f.startswith("evil_"):
        import zipfile

        with zipfile.ZipFile(path(f)) as z:
            pkl = [n for n in z.namelist() if n.endswith("/data.pkl")][0]
            ops = [str(arg) for op, arg, pos in __import__("pickletools").genops(z.read(pkl))
                   if op.name in ("GLOBAL", "STACK_GLOBAL", "SHORT_BINUNICODE", "BINUNICODE")]
            print(f, " ".join(ops)[:120])
