package io.qecnode.node.cli;

import io.qecnode.io.transport.BusContext;
import io.qecnode.io.transport.MessageBus;
import io.qecnode.node.trust.HelloCheck;
import io.qecnode.node.trust.HelloCounters;
import io.qecnode.node.trust.HelloFields;
import io.qecnode.node.trust.HelloVerifier;
import io.qecnode.node.trust.TrustStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hello counters are where an operator looks: in {@code stat}'s output, one line per outcome, each with its value.
 */
class StatHelloCountersTest
{
    @Test
    void statShowsEveryHelloCounter(@TempDir final Path trustStore)
    {
        try (MessageBus bus = MessageBus.launch(new BusContext(), Throwable::printStackTrace))
        {
            final HelloCounters counters = HelloCounters.allocate(bus.aeron(), "2");
            final HelloVerifier verifier = new HelloVerifier(2, 7, new int[]{1}, HelloVerifier.DEFAULT_FRESHNESS_NS,
                10, counters, line -> { }, () -> 0L);
            verifier.trustStore(TrustStore.load(trustStore));
            final UnsafeBuffer garbage = new UnsafeBuffer(new byte[64]);
            final HelloFields out = new HelloFields();
            verifier.check(garbage, 0, 64, 1, out);
            verifier.check(garbage, 0, 64, 1, out);

            final CommandRunner.Run stat = CommandRunner.run("stat", "--aeron-dir", bus.directoryName(), "--count",
                "1");

            assertEquals(0, stat.exitCode(), stat.err());
            for (final HelloCheck kind : HelloCheck.values())
            {
                final String label = kind.refused() ? "hellos refused, " + kind.label() : "hellos accepted";
                final String line = String.format(Locale.ROOT, "%5d %15d  qec trust node 2: %s", kind.typeId(),
                    kind == HelloCheck.MALFORMED ? 2 : 0, label);
                assertTrue(stat.out().lines().anyMatch(printed -> printed.endsWith(line)), line + " in " + stat.out());
            }
        }
    }
}
