package io.qecnode.io.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusContextTest
{
    @Test
    void shouldInjectNoLossByDefault()
    {
        final BusContext context = new BusContext().conclude();
        assertFalse(context.injectsLoss());
        assertEquals(0, context.receiveDataLossRate());
        assertEquals(0, context.sendDataLossRate());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.0, 1.5, Double.NaN})
    void shouldNameTheReceiveLossRateThatIsOutOfRange(final double rate)
    {
        final BusContext context = new BusContext().receiveDataLossRate(rate);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertEquals("loss rate must be at least 0 and below 1, receiveDataLossRate=" + rate, ex.getMessage());
    }

    @Test
    void shouldNameTheSendLossRateThatIsOutOfRange()
    {
        final BusContext context = new BusContext().sendDataLossRate(2);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertEquals("loss rate must be at least 0 and below 1, sendDataLossRate=2.0", ex.getMessage());
    }

    @Test
    void shouldRefuseLossForAnExternalDriver()
    {
        final BusContext context = new BusContext().aeronDirectoryName("/dev/shm/aeron-x").sendDataLossRate(0.01);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertEquals("injected loss needs the embedded media driver, not an external one, " +
            "aeronDirectoryName=/dev/shm/aeron-x", ex.getMessage());
    }

    @Test
    void shouldRefuseABadRateBeforeCreatingTheDriverDirectory()
    {
        final BusContext context = new BusContext().receiveDataLossRate(1);
        final File directory = new File(context.embeddedDirectoryName());
        assertThrows(IllegalArgumentException.class, () -> MessageBus.launch(context, Throwable::printStackTrace));
        assertFalse(directory.exists(), "directory created for a bus that could not start: " + directory);
        assertTrue(new BusContext().receiveDataLossRate(0.05).sendDataLossRate(0.01).conclude().injectsLoss());
    }

    @Test
    void shouldKeepAeronsDriverIdleByDefaultAndNameAnUnknownOne()
    {
        assertNull(new BusContext().conclude().driverIdle());
        assertEquals("yield", new BusContext().driverIdle("yield").conclude().driverIdle());
        final BusContext context = new BusContext().driverIdle("fast");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertEquals("unknown driver idle strategy, expected " + IdleStrategies.NAMES + ", driverIdle=fast",
            ex.getMessage());
    }

    @Test
    void shouldRefuseADriverIdleForAnExternalDriver()
    {
        final BusContext context = new BusContext().aeronDirectoryName("/dev/shm/aeron-x").driverIdle("busy-spin");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertEquals("a driver idle strategy applies to the embedded media driver, not an external one, " +
            "aeronDirectoryName=/dev/shm/aeron-x", ex.getMessage());
    }
}
