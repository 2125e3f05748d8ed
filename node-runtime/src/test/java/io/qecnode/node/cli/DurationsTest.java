package io.qecnode.node.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest
{
    private final CommandSpec spec = new CommandLine(CommandSpec.create()).getCommandSpec();

    @Test
    void shouldReadEveryUnitFromNanosecondsToHours()
    {
        assertEquals(0, Durations.nanos(spec, "--x", "0"));
        assertEquals(500, Durations.nanos(spec, "--x", "500ns"));
        assertEquals(1000, Durations.nanos(spec, "--x", "1us"));
        assertEquals(5_000_000, Durations.nanos(spec, "--x", "5ms"));
        assertEquals(TimeUnit.SECONDS.toNanos(10), Durations.nanos(spec, "--x", " 10s "));
        assertEquals(TimeUnit.MINUTES.toNanos(10), Durations.nanos(spec, "--x", "10m"));
        assertEquals(TimeUnit.HOURS.toNanos(1), Durations.nanos(spec, "--x", "1h"));
        assertEquals(TimeUnit.HOURS.toNanos(72), Durations.nanos(spec, "--x", "72h"));
    }

    @Test
    void shouldNameTheOptionWhenTheTextIsNotADuration()
    {
        for (final String bad : new String[]{"ten", "1d", "-5s", "1.5h", "h"})
        {
            final ParameterException ex = assertThrows(ParameterException.class,
                () -> Durations.nanos(spec, "--duration", bad));
            assertTrue(ex.getMessage().startsWith("not a duration"), ex.getMessage());
            assertTrue(ex.getMessage().endsWith(", --duration=" + bad), ex.getMessage());
        }
    }

    @Test
    void shouldRequireAUnitOnEveryNumberButZero()
    {
        for (final String bare : new String[]{"3", "1", "1000"})
        {
            final ParameterException ex = assertThrows(ParameterException.class,
                () -> Durations.nanos(spec, "--period", bare));
            assertEquals("a duration needs a unit (ns, us, ms, s, m, h), --period=" + bare, ex.getMessage());
        }
    }

    @Test
    void shouldNameTheRangeWhenADurationIsOutsideIt()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(1), Durations.nanos(spec, "--report", "1s", 100_000_000L,
            TimeUnit.DAYS.toNanos(1)));
        final ParameterException ex = assertThrows(ParameterException.class,
            () -> Durations.nanos(spec, "--report", "0", 100_000_000L, TimeUnit.DAYS.toNanos(1)));
        assertEquals("must be between 100ms and 24h, --report=0", ex.getMessage());
    }
}
