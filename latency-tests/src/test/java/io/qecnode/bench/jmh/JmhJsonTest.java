package io.qecnode.bench.jmh;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhJsonTest
{
    @Test
    void shouldReadTheShapeOfJmhResults()
    {
        final Object parsed = JmhJson.parse("[ { \"benchmark\" : \"a.B.c\", \"params\" : { \"distance\" : \"5\" }," +
            " \"primaryMetric\" : { \"score\" : 12.5e0, \"scoreError\" : \"NaN\", \"list\" : [ 1, -2.5, true, null ]," +
            " \"unit\" : \"ns/op\\u00b7\\\"q\\\"\" }, \"secondaryMetrics\" : { } } ]");

        final Map<?, ?> run = (Map<?, ?>)((List<?>)parsed).get(0);
        assertEquals("a.B.c", run.get("benchmark"));
        assertEquals("5", ((Map<?, ?>)run.get("params")).get("distance"));
        final Map<?, ?> primary = (Map<?, ?>)run.get("primaryMetric");
        assertEquals(12.5, JmhJson.number(primary.get("score")));
        assertTrue(Double.isNaN(JmhJson.number(primary.get("scoreError"))));
        assertEquals(List.of(1.0, -2.5, true), ((List<?>)primary.get("list")).subList(0, 3));
        assertEquals("ns/op\u00b7\"q\"", primary.get("unit"));
        assertTrue(((Map<?, ?>)run.get("secondaryMetrics")).isEmpty());
    }

    @Test
    void shouldNameWhereTheSyntaxBreaks()
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> JmhJson.parse("{\"a\": [1, 2}"));
        assertTrue(error.getMessage().contains("offset=11"), error.getMessage());
    }
}
