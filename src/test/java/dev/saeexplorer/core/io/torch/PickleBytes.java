package dev.saeexplorer.core.io.torch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Assembles pickle opcodes by hand, for data.pkl files that torch.save would never write. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PickleBytes protocol2() {
        PickleBytes p = new PickleBytes();
        p.op(0x80).op(2);
        return p;
    }

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleBytes global(String module, String name) {
        op('c');
        return raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        return raw(b);
    }

    /** BININT for 32-bit values, LONG1 (8 bytes, two's complement) beyond. */
    PickleBytes integer(long v) {
        if (v == (int) v) {
            op('J');
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }
        op(0x8a).op(8);
        return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes emptyTuple() {
        return op(')');
    }

    PickleBytes emptyDict() {
        return op('}');
    }

    PickleBytes emptyList() {
        return op(']');
    }

    PickleBytes setitems() {
        return op('u');
    }

    PickleBytes setitem() {
        return op('s');
    }

    PickleBytes append() {
        return op('a');
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes bool(boolean b) {
        return op(b ? 0x88 : 0x89);
    }

    PickleBytes none() {
        return op('N');
    }

    PickleBytes put(int i) {
        return op('q').op(i);
    }

    PickleBytes get(int i) {
        return op('h').op(i);
    }

    PickleBytes stop() {
        return op('.');
    }

    PickleBytes ints(long... values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return tuple();
    }

    /** The persistent id torch.save writes for a storage: ('storage', torch.<type>, key, 'cpu', numel). */
    PickleBytes storage(String type, String key, long numel) {
        mark().str("storage").global("torch", type).str(key).str("cpu").integer(numel).tuple();
        return op('Q');
    }

    /** _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()), as torch.save writes a tensor. */
    PickleBytes tensor(String type, String key, long numel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        storage(type, key, numel);
        integer(offset).ints(size).ints(stride).bool(false);
        global("collections", "OrderedDict").emptyTuple().reduce();
        tuple();
        return reduce();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
