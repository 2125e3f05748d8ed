package io.qecnode.sim.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.sim.source.SyndromeSource;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChainHardwareTest
{
    private static final long SEED = 42;
    private static final double BURST = SyndromeSource.BURST_FACTOR_DEFAULT;
    // Three repeaters; distinct distances show which link each patch took its code from.
    private static final CodeDescription[] LINKS = {code(3), code(5), code(7), code(9)};

    @Test
    void shouldGiveEachPatchItsLinksCodeAndItsOwnLogicalQubit()
    {
        final ChainHardware chain = new ChainHardware(LINKS, SEED, BURST, ChainHardware.PatchRounds.DISCARD);
        assertEquals(5, chain.nodeCount());

        assertEquals(1, chain.node(0).patchCount());
        assertDistance(3, chain.node(0), 0);
        for (int repeater = 1; repeater <= 3; repeater++)
        {
            assertEquals(2, chain.node(repeater).patchCount());
            assertDistance(LINKS[repeater - 1].distance(), chain.node(repeater), 0);
            assertDistance(LINKS[repeater].distance(), chain.node(repeater), 1);
        }
        assertEquals(1, chain.node(4).patchCount());
        assertDistance(9, chain.node(4), 0);

        final int[] ids = new int[8];
        final int[] at = {0};
        chain.runEpoch((buffer, offset, length) ->
        {
            final EpochTruth truth = new EpochTruth().wrap(buffer, offset);
            assertEquals(truth.node() != 0 && truth.node() != 4, truth.measured());
            for (int p = 0; p < truth.patchCount(); p++)
            {
                ids[at[0]++] = truth.logicalQubitId(p);
            }
        });
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6, 7, 8}, ids);
    }

    @Test
    void shouldProduceTheSameTruthForANodeBuiltAlone()
    {
        final int epochs = 300;
        final ChainHardware chain = new ChainHardware(LINKS, SEED, BURST, ChainHardware.PatchRounds.DISCARD);
        final byte[][] inChain = new byte[chain.nodeCount()][epochs * EpochTruth.LENGTH];
        final EpochTruth reader = new EpochTruth();
        for (int k = 0; k < epochs; k++)
        {
            final int at = k * EpochTruth.LENGTH;
            chain.runEpoch((buffer, offset, length) ->
                buffer.getBytes(offset, inChain[reader.wrap(buffer, offset).node()], at, length));
        }

        for (final int nodeId : new int[]{0, 2, 4})
        {
            final NodeHardware alone = ChainHardware.node(nodeId, LINKS, SEED, BURST,
                ChainHardware.PatchRounds.DISCARD);
            final byte[] records = new byte[epochs * EpochTruth.LENGTH];
            for (int k = 0; k < epochs; k++)
            {
                final int at = k * EpochTruth.LENGTH;
                alone.runEpoch((buffer, offset, length) -> buffer.getBytes(offset, records, at, length));
            }
            assertArrayEquals(inChain[nodeId], records, "node " + nodeId);
        }
        // The repeaters' records differ beyond their node ids: their Bell outcomes are separate streams.
        assertFalse(Arrays.equals(idealOutcomes(inChain[1]), idealOutcomes(inChain[2])));
    }

    @Test
    void shouldRejectANodeOutsideTheChain()
    {
        assertThrows(IllegalArgumentException.class,
            () -> ChainHardware.node(5, LINKS, SEED, BURST, ChainHardware.PatchRounds.DISCARD));
        assertThrows(IllegalArgumentException.class,
            () -> ChainHardware.node(0, new CodeDescription[0], SEED, BURST, ChainHardware.PatchRounds.DISCARD));
    }

    @Test
    void shouldRunAChainEpochWithoutAllocating()
    {
        final ChainHardware chain = new ChainHardware(LINKS, SEED, BURST, ChainHardware.PatchRounds.DISCARD);
        for (int k = 0; k < 2_000; k++)
        {
            chain.runEpoch(EpochTruthSink.NONE);
        }
        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(() ->
        {
            for (int k = 0; k < 500; k++)
            {
                chain.runEpoch(EpochTruthSink.NONE);
            }
        }, 5));
    }

    private static byte[] idealOutcomes(final byte[] records)
    {
        final byte[] outcomes = new byte[records.length / EpochTruth.LENGTH];
        final EpochTruth truth = new EpochTruth();
        for (int k = 0; k < outcomes.length; k++)
        {
            truth.wrap(new UnsafeBuffer(records), k * EpochTruth.LENGTH);
            outcomes[k] = (byte)(truth.parities() & (EpochTruth.IDEAL_XX | EpochTruth.IDEAL_ZZ));
        }
        return outcomes;
    }

    private static void assertDistance(final int distance, final NodeHardware node, final int patch)
    {
        final int detectorsPerRound = (distance * distance - 1) / 2;
        assertEquals(2 * detectorsPerRound, node.source(patch).rounds().detectorCount(0), "d=" + distance);
    }

    private static CodeDescription code(final int distance)
    {
        return CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, distance, 2, 0.01);
    }
}
