package dev.saeexplorer.core.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** World JSON: the round trip and every bad input, each an error about {@link Param#WORLD} that says what is wrong. */
class WorldFileTest {

    @Test
    void roundTrip() {
        World w = new World("preset:pentagon", new World.Firing.Zipf(1.5, 2.5), new World.Magnitude.Exponential(0.25),
                List.of(new World.Group(List.of(0, 3), 0.05)), List.of(new World.Edge(1, 2, 0.5)));
        assertEquals(w, WorldFile.parse(WorldFile.toJson(w), "w.json"));
        World u = new World("[[1,0,0],[0,1,-1]]", new World.Firing.Uniform(0.9), new World.Magnitude.Constant(1.0),
                null, null);
        World back = WorldFile.parse(WorldFile.toJson(u), "u.json");
        assertEquals(u.firing(), back.firing());
        assertEquals(u.magnitude(), back.magnitude());
        assertEquals(3, back.superposition().features());
        assertEquals(new World.Magnitude.Uniform(),
                WorldFile.parse("{\"wp\":\"preset:example1\",\"firing\":{\"kind\":\"uniform\",\"sparsity\":0.5}}", "m")
                        .magnitude());
    }

    private static final String HEAD = "{\"wp\":\"preset:pentagon\",";
    private static final String UNI = "\"firing\":{\"kind\":\"uniform\",\"sparsity\":0.5}";

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("{\"wp\":", "not valid JSON"),
                Arguments.of("[1]", "one JSON object"),
                Arguments.of(HEAD + "\"firing\":{\"kind\":\"pareto\"}}", "unknown kind \"pareto\""),
                Arguments.of(HEAD + UNI + ",\"magnitude\":{\"kind\":\"gamma\"}}", "unknown kind \"gamma\""),
                Arguments.of(HEAD + UNI + ",\"colour\":1}", "unknown field \"colour\""),
                Arguments.of(HEAD + "\"firing\":{\"kind\":\"uniform\",\"sparsity\":-0.1}}", "sparsity must be in [0, 1]"),
                Arguments.of(HEAD + "\"firing\":{\"kind\":\"uniform\",\"sparsity\":1.5}}", "sparsity must be in [0, 1]"),
                Arguments.of(HEAD + "\"firing\":{\"kind\":\"zipf\",\"exponent\":0,\"meanActive\":1}}", "exponent must be"),
                Arguments.of(HEAD + "\"firing\":{\"kind\":\"zipf\",\"exponent\":-1,\"meanActive\":1}}", "exponent must be"),
                Arguments.of(HEAD + "\"firing\":{\"kind\":\"zipf\",\"exponent\":1,\"meanActive\":0}}", "meanActive"),
                Arguments.of(HEAD + "\"firing\":{\"kind\":\"zipf\",\"exponent\":1,\"meanActive\":6}}", "meanActive"),
                Arguments.of(HEAD + UNI + ",\"magnitude\":{\"kind\":\"exponential\",\"mean\":0}}", "mean must be"),
                Arguments.of(HEAD + UNI + ",\"groups\":[{\"features\":[0,1],\"probability\":1.2}]}", "probability must be in [0, 1]"),
                Arguments.of(HEAD + UNI + ",\"groups\":[{\"features\":[0,1,2,3,4,0],\"probability\":0.1}]}", "has only 5"),
                Arguments.of(HEAD + UNI + ",\"groups\":[{\"features\":[0,7],\"probability\":0.1}]}", "feature 7 does not exist"),
                Arguments.of(HEAD + UNI + ",\"groups\":[{\"features\":[2,2],\"probability\":0.1}]}", "listed twice"),
                Arguments.of(HEAD + UNI + ",\"hierarchy\":[{\"parent\":9,\"child\":1,\"probability\":0.5}]}", "feature 9 does not exist"),
                Arguments.of(HEAD + UNI + ",\"hierarchy\":[{\"parent\":0,\"child\":1,\"probability\":-0.5}]}", "probability must be in [0, 1]"),
                Arguments.of(HEAD + UNI + ",\"hierarchy\":[{\"parent\":0,\"child\":1,\"probability\":0.5},"
                        + "{\"parent\":1,\"child\":2,\"probability\":0.5},{\"parent\":2,\"child\":0,\"probability\":0.5}]}", "cycle"),
                Arguments.of(HEAD + UNI + ",\"hierarchy\":[{\"parent\":3,\"child\":3,\"probability\":0.5}]}", "its own parent"),
                Arguments.of(HEAD + UNI + ",\"hierarchy\":[{\"parent\":0,\"child\":1,\"probability\":0.5},"
                        + "{\"parent\":2,\"child\":1,\"probability\":0.5}]}", "already has parent"),
                Arguments.of("{" + UNI + "}", "needs \"wp\""),
                Arguments.of("{\"wp\":\"preset:nope\"," + UNI + "}", "no preset 'nope'"),
                Arguments.of(HEAD + "\"magnitude\":{\"kind\":\"uniform\"}}", "needs \"firing\""));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badInputIsAClearError(String json, String mention) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorldFile.parse(json, "w.json").data());
        assertTrue(e.getMessage().contains(mention), e.getMessage());
        if (!mention.startsWith("no preset")) {
            assertEquals(Param.WORLD, e.parameter());
        }
    }
}
