package dev.saeexplorer.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The project's Jackson configuration. Numbers that cannot be computed (NaN, ±∞) are written as {@code null}, never as
 * NaN tokens (design/CLI.md); duplicate keys in input are refused.
 */
public final class Json {
    private static final ObjectMapper MAPPER = create(false);
    private static final ObjectMapper PRETTY = create(true);

    private Json() {
    }

    /** A shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectMapper pretty() {
        return PRETTY;
    }

    private static ObjectMapper create(boolean indent) {
        SimpleModule finite = new SimpleModule("finite-numbers");
        finite.addSerializer(Double.class, new FiniteDouble());
        finite.addSerializer(double.class, new FiniteDouble());
        finite.addSerializer(Float.class, new FiniteFloat());
        finite.addSerializer(float.class, new FiniteFloat());
        finite.addSerializer(double[].class, new FiniteDoubleArray());
        finite.addSerializer(float[].class, new FiniteFloatArray());
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(finite);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        if (indent) {
            mapper.enable(SerializationFeature.INDENT_OUTPUT);
        }
        return mapper;
    }

    static void writeFinite(JsonGenerator gen, double v) throws IOException {
        if (Double.isFinite(v)) {
            gen.writeNumber(v);
        } else {
            gen.writeNull();
        }
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            writeFinite(gen, value);
        }
    }

    private static final class FiniteFloat extends JsonSerializer<Float> {
        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            writeFinite(gen, value);
        }
    }

    private static final class FiniteDoubleArray extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray();
            for (double v : value) {
                writeFinite(gen, v);
            }
            gen.writeEndArray();
        }
    }

    private static final class FiniteFloatArray extends JsonSerializer<float[]> {
        @Override
        public void serialize(float[] value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray();
            for (float v : value) {
                writeFinite(gen, v);
            }
            gen.writeEndArray();
        }
    }
}
