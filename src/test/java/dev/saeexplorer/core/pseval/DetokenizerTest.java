package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetokenizerTest {
    private static String d(String s) {
        return Detokenizer.detokenize(s);
    }

    @Test
    void punctuationAndClitics() {
        assertEquals("The army's only defeat.", d("The army 's only defeat ."));
        assertEquals("I don't know, do you?", d("I do n't know , do you ?"));
        assertEquals("We're here; they've gone: you'll see! I'd go, I'm sure.",
                d("We 're here ; they 've gone : you 'll see ! I 'd go , I 'm sure ."));
        assertEquals("He CAN'T and HE'S not", d("He CA N'T and HE 'S not"));
    }

    @Test
    void brackets() {
        assertEquals("(a, b)", d("( a , b )"));
        assertEquals("[x] {y} (z).", d("[ x ] { y } ( z ) ."));
    }

    @Test
    void currencyAndPercent() {
        assertEquals("$5%", d("$ 5 %"));
        assertEquals("It cost $10, or 5% more.", d("It cost $ 10 , or 5 % more ."));
    }

    @Test
    void straightQuotesArePaired() {
        assertEquals("The slogan \"Vote Smart\" emblazoned.", d("The slogan \" Vote Smart \" emblazoned ."));
        assertEquals("Capitalize words like \"east\".", d("Capitalize words like \" east \" ."));
        assertEquals("said, \"A man ain't nothing but a man.\".",
                d("said , \" A man ai n't nothing but a man . \" ."));
        assertEquals("\"a\" and \"b\"", d("\" a \" and \" b \""));
    }

    @Test
    void anUnpairedQuoteKeepsItsSpaces() {
        assertEquals("\"a\" b \" c", d("\" a \" b \" c"));
    }

    @Test
    void unlistedTokensKeepTheirSpaces() {
        assertEquals("` smog ' is well - known", d("` smog ' is well - known"));
        assertEquals("the agents ' failures", d("the agents ' failures"));
    }

    @Test
    void edgeCases() {
        assertEquals("", d(""));
        assertEquals("", d("   "));
        assertEquals(".", d("."));
        assertEquals("'s", d("'s"));
        assertEquals("a b", d("  a   b  "));
        assertEquals("($5)", d("( $ 5 )"));
    }

    @Test
    void spansPointAtEachToken() {
        List<String> tokens = Detokenizer.tokens("He said \" ( the army 's ) \" .");
        Detokenizer.Result r = Detokenizer.detokenize(tokens);
        assertEquals("He said \"(the army's)\".", r.text());
        for (int i = 0; i < tokens.size(); i++) {
            assertEquals(tokens.get(i), r.span(i).of(r.text()), "token " + i);
        }
        assertEquals(new CharSpan(14, 18), r.span(5));
    }
}
