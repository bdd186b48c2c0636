package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.fieldNames;
import static dev.saeexplorer.cli.CliTestSupport.ok;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.singleJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolysemyWorldCommandTest {
    /** A small world and short training, so the command ends quickly. */
    private static final String[] SMALL = {"polysemy-world", "--words", "4", "--senses", "2", "--background", "4",
            "--dims", "8", "--sparsity", "0.8", "--steps", "20", "--pairs", "60", "--seed", "3"};

    private static String[] with(String... extra) {
        return Stream.concat(Stream.of(SMALL), Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void jsonHasTheContractsFields() {
        JsonNode json = singleJson(ok(with("--json")));
        assertEquals(Set.of("pairs", "results"), fieldNames(json));
        assertEquals(60, json.get("pairs").asInt());
        assertEquals(Set.of("sae", "wsae", "closedForm", "oracle", "random"), fieldNames(json.get("results")));
        Set<String> pseval = Set.of("accuracy", "precision", "recall", "f1", "specificity", "sensitivity", "dF1",
                "averageF1");
        json.get("results").fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            assertEquals(Set.of("counts", "metrics"), fieldNames(r), e.getKey());
            assertEquals(Set.of("tp", "fp", "tn", "fn"), fieldNames(r.get("counts")), e.getKey());
            assertEquals(pseval, fieldNames(r.get("metrics")), e.getKey());
            JsonNode c = r.get("counts");
            double total = c.get("tp").asDouble() + c.get("fp").asDouble() + c.get("tn").asDouble()
                    + c.get("fn").asDouble();
            assertEquals(60, total, 1e-9, e.getKey());
            if (!e.getKey().equals("random")) {
                assertTrue(c.get("tp").isIntegralNumber(), e.getKey());
            }
        });
        // The same seed gives the same document.
        assertEquals(json, singleJson(ok(with("--json"))));
    }

    @Test
    void withoutJsonATableForPeople() {
        String out = ok(SMALL).out();
        for (String name : new String[] {"sae", "wsae", "closedForm", "oracle", "random", "accuracy"}) {
            assertTrue(out.contains(name), name + "\n" + out);
        }
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(new String[] {"--senses", "1"}, "--senses"),
                Arguments.of(new String[] {"--words", "0"}, "--words"),
                Arguments.of(new String[] {"--dims", "-3"}, "--dims"),
                Arguments.of(new String[] {"--dims", "0"}, "--dims"),
                Arguments.of(new String[] {"--background", "-1"}, "--background"),
                Arguments.of(new String[] {"--sparsity", "1"}, "--sparsity"),
                Arguments.of(new String[] {"--sparsity", "-0.5"}, "--sparsity"),
                Arguments.of(new String[] {"--sense-strength", "0"}, "--sense-strength"),
                Arguments.of(new String[] {"--sense-strength", "-2"}, "--sense-strength"),
                Arguments.of(new String[] {"--latents", "0"}, "--latents"),
                Arguments.of(new String[] {"--steps", "0"}, "--steps"),
                Arguments.of(new String[] {"--pairs", "0"}, "--pairs"),
                Arguments.of(new String[] {"--words", "many"}, "--words"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputExitsTwoWithOneErrorLine(String[] extra, String flag) {
        assertBadInput(run(with(extra)), flag);
    }
}
