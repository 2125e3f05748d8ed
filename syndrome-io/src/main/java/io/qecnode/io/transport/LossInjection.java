package io.qecnode.io.transport;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import io.aeron.driver.ext.DebugSendChannelEndpoint;
import io.aeron.driver.ext.LossGenerator;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random, seeded, counted loss of UDP frames inside an embedded media driver, for tests and soak runs only. It swaps
 * the driver's channel endpoints for Aeron's debug endpoints ({@code io.aeron.driver.ext}), which ask a loss generator
 * about every frame; status messages and NAKs are never dropped here, only data-side frames.
 */
final class LossInjection
{
    private static final LossGenerator NO_LOSS = (address, buffer, length) -> false;

    // Send-side draws differ from receive-side ones under the same seed.
    private static final long SEND_SEED_SALT = 0x9E37_79B9_7F4A_7C15L;

    private final AtomicLong dropped = new AtomicLong();
    private final double receiveRate;
    private final double sendRate;
    private final long seed;

    LossInjection(final BusContext context)
    {
        this.receiveRate = context.receiveDataLossRate();
        this.sendRate = context.sendDataLossRate();
        this.seed = context.lossSeed();
    }

    /**
     * @param driverContext the embedded driver's context, before launch.
     */
    void install(final MediaDriver.Context driverContext)
    {
        if (receiveRate > 0)
        {
            driverContext.receiveChannelEndpointSupplier((channel, dispatcher, status, context) ->
                new DebugReceiveChannelEndpoint(channel, dispatcher, status, context,
                new RandomDrop(receiveRate, seed), NO_LOSS));
        }
        if (sendRate > 0)
        {
            driverContext.sendChannelEndpointSupplier((channel, status, context) ->
                new DebugSendChannelEndpoint(channel, status, context,
                new RandomDrop(sendRate, seed ^ SEND_SEED_SALT), NO_LOSS));
        }
    }

    /** @return frames dropped so far, both directions, all endpoints. */
    long framesDropped()
    {
        return dropped.get();
    }

    /** One endpoint's generator: called only from the driver thread that serves the endpoint. */
    private final class RandomDrop implements LossGenerator
    {
        private final SplittableRandom random;
        private final double rate;

        RandomDrop(final double rate, final long seed)
        {
            this.random = new SplittableRandom(seed);
            this.rate = rate;
        }

        @Override
        public boolean shouldDropFrame(final InetSocketAddress address, final UnsafeBuffer buffer, final int length)
        {
            if (random.nextDouble() < rate)
            {
                dropped.incrementAndGet();
                return true;
            }
            return false;
        }
    }
}
