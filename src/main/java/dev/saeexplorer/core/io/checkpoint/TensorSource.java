package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.arrays.ElementType;
import dev.saeexplorer.core.io.arrays.LazyArray;
import dev.saeexplorer.core.io.npy.NpzFile;
import dev.saeexplorer.core.io.torch.TorchCheckpoint;
import dev.saeexplorer.core.io.torch.TorchTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The named tensors of one weights file, whatever holds them (safetensors, a {@code torch.save} state dict, an
 * {@code .npz}), so that the readers check names, shapes and values the same way for every format.
 */
interface TensorSource {
    /** The file, for messages. */
    Path path();

    /** Every tensor's name, in file order. */
    List<String> names();

    boolean contains(String name);

    int[] shape(String name);

    /** Values in row-major order. */
    float[] floats(String name);

    /** Values in row-major order, in float64 (exact for float32, float16, bfloat16 and float64 storage). */
    double[] doubles(String name);

    /** The stored element type as the safetensors names go (F32, F16, BF16, F64), else the library's own name. */
    String dtype(String name);

    static TensorSource of(SafetensorsFile file) {
        return new TensorSource() {
            @Override
            public Path path() {
                return file.path();
            }

            @Override
            public List<String> names() {
                return file.names();
            }

            @Override
            public boolean contains(String name) {
                return file.contains(name);
            }

            @Override
            public int[] shape(String name) {
                return file.tensor(name).shape();
            }

            @Override
            public float[] floats(String name) {
                return file.tensor(name).toFloatArray();
            }

            @Override
            public double[] doubles(String name) {
                return file.tensor(name).toDoubleArray();
            }

            @Override
            public String dtype(String name) {
                Tensor t = file.tensor(name);
                return t.dtype().name();
            }
        };
    }

    /**
     * The tensors of a {@code torch.save} file whose dotted names start with {@code prefix} (e.g. "" for a bare state
     * dict, "ae." for a training backup that keeps it under "ae"), named without it.
     */
    static TensorSource of(TorchCheckpoint checkpoint, String prefix) {
        List<String> names = new ArrayList<>();
        for (TorchTensor t : checkpoint.tensors()) {
            if (t.name().startsWith(prefix)) {
                names.add(t.name().substring(prefix.length()));
            }
        }
        return ofArrays(checkpoint.path(), names, "tensor", prefix, checkpoint::tensor);
    }

    static TensorSource of(NpzFile file) {
        return ofArrays(file.path(), file.names(), "array", "", file::array);
    }

    /**
     * The arrays that {@code find} looks up by their stored name, which is {@code prefix} and then the name used
     * here; {@code noun} words the message for a missing one.
     */
    private static TensorSource ofArrays(Path path, List<String> names, String noun, String prefix,
                                         Function<String, Optional<? extends LazyArray>> find) {
        List<String> all = List.copyOf(names);
        return new TensorSource() {
            private LazyArray array(String name) {
                return find.apply(prefix + name).orElseThrow(() -> new InvalidInputException(path + " has no "
                        + noun + " '" + prefix + name + "'"));
            }

            @Override
            public Path path() {
                return path;
            }

            @Override
            public List<String> names() {
                return all;
            }

            @Override
            public boolean contains(String name) {
                return find.apply(prefix + name).isPresent();
            }

            @Override
            public int[] shape(String name) {
                return array(name).shape();
            }

            @Override
            public float[] floats(String name) {
                return array(name).toFloatArray();
            }

            @Override
            public double[] doubles(String name) {
                return array(name).toDoubleArray();
            }

            @Override
            public String dtype(String name) {
                return name(array(name).dtype());
            }
        };
    }

    private static String name(ElementType type) {
        return type.safetensorsDtype().map(Enum::name).orElse(type.toString());
    }
}
