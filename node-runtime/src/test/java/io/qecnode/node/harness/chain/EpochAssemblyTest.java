package io.qecnode.node.harness.chain;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.model.NoiseModel;
import io.qecnode.io.frame.ChainFlags;
import io.qecnode.io.frame.FrameChecksum;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.node.harness.chain.EpochAssembly.Counter;
import io.qecnode.pauli.LogicalFrame;
import io.qecnode.sim.chain.ChainHardware;
import io.qecnode.sim.chain.EpochTruth;
import io.qecnode.sim.chain.EpochTruthSink;
import io.qecnode.sim.source.SyndromeSource;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assembly fed the pieces a chain sends the verifier (truth records from the simulated hardware or written by hand
 * as {@link EpochTruth} lays them out, reports as the nodes encode them): whole epochs in any order, epochs closed at their deadline or by the
 * window, and every kind of bad piece counted without touching the epoch.
 */
class EpochAssemblyTest
{
    private static final long DEADLINE_NS = 1_000_000L;
    private static final long PATH = 3;
    private static final int WINDOW = 16;

    private final SyntheticChain chain = new SyntheticChain();
    private JudgedEpochs judged;
    private EpochAssembly assembly;
    private ChainPieces pieces;
    private ChainEpoch source;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void shouldAssembleAFaithfulChainAndJudgeItRightExactlyWhenTheResidualsCancel(final int repeaters)
    {
        rig(repeaters);
        final SplittableRandom random = new SplittableRandom(repeaters);
        final int epochs = 2000;
        final long[] truths = new long[epochs];
        final long[] decodeds = new long[epochs];
        final int[] raws = new int[epochs];
        final boolean[] cancel = new boolean[epochs];
        for (int k = 0; k < epochs; k++)
        {
            truths[k] = random.nextLong() & mask(source);
            decodeds[k] = truths[k] ^ sparseResiduals(random, source.patchCount());
            raws[k] = random.nextInt(1 << (2 * repeaters));
            chain.fill(source, k, truths[k], decodeds[k], raws[k], SyntheticChain.FAITHFUL);
            cancel[k] = ChainVerifier.residualParity(source) == 0;
            pieces.encode(source, 0);
            for (int i = 0; i < pieces.count(); i++)
            {
                assertTrue(pieces.deliver(i, assembly, k));
            }
            assertEquals(1, assembly.poll(k), "epoch " + k + " is whole");
        }

        assertEquals(epochs, judged.count());
        int right = 0;
        for (int k = 0; k < epochs; k++)
        {
            assertEquals(k, judged.numbers[k]);
            assertEquals(truths[k], judged.truths[k], "truth assembled, epoch " + k);
            assertEquals(decodeds[k], judged.decodeds[k], "decoded frames assembled, epoch " + k);
            assertEquals(raws[k], judged.raws[k], "raw parities assembled, epoch " + k);
            assertTrue(judged.residualsKnown[k]);
            assertEquals(cancel[k] ? EpochVerdict.RIGHT : EpochVerdict.WRONG, judged.verdicts[k], "epoch " + k);
            right += cancel[k] ? 1 : 0;
        }
        assertTrue(right > epochs / 10 && right < epochs, "both verdicts seen: right=" + right);
        assertEquals(epochs, assembly.count(Counter.CLOSED_COMPLETE));
        assertEquals(epochs * (repeaters + 2L), assembly.count(Counter.TRUTHS));
        assertEquals(epochs * (2L * repeaters + 2), assembly.count(Counter.REPORTS));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void shouldTakeTheSimulatedHardwaresTruthAndJudgeByTheResidualsOfTheDecoders(final int repeaters)
    {
        rig(repeaters);
        final CodeDescription[] links = new CodeDescription[repeaters + 1];
        Arrays.fill(links, CodeDescription.builtIn(NoiseModel.PHENOMENOLOGICAL, 3, 3, 0.04));
        final ChainHardware hardware =
            new ChainHardware(links, 7, SyndromeSource.BURST_FACTOR_DEFAULT, ChainHardware.PatchRounds.DISCARD);
        final EpochTruth record = new EpochTruth();
        final EpochTruthSink sink = (buffer, offset, length) ->
        {
            assertTrue(assembly.onTruth(buffer, offset, length, 0), () -> record.wrap(buffer, offset).toString());
            record.wrap(buffer, offset);
            final int node = record.node();
            if (node == 0 || node == repeaters + 1)
            {
                source.trueFlips(node == 0 ? ChainEpoch.PATCH_A : source.patchB(), record.trueFlips(0));
            }
            else
            {
                source.trueFlips(ChainEpoch.leftPatch(node), record.trueFlips(0))
                    .trueFlips(ChainEpoch.rightPatch(node), record.trueFlips(1))
                    .rawParities(node, record.rawXx(), record.rawZz());
            }
        };
        final SplittableRandom random = new SplittableRandom(repeaters);
        final int epochs = 400;
        final boolean[] cancel = new boolean[epochs];
        int flipped = 0;
        for (int k = 0; k < epochs; k++)
        {
            source.reset(k);
            assertEquals(k, hardware.runEpoch(sink));
            final long residuals = sparseResiduals(random, source.patchCount());
            for (int p = 0; p < source.patchCount(); p++)
            {
                source.decodedFlips(p, source.trueFlips(p) ^ ((residuals >>> (2 * p)) & 3L));
            }
            chain.stream(source, SyntheticChain.FAITHFUL);
            cancel[k] = ChainVerifier.residualParity(source) == 0;
            flipped += JudgedEpochs.packTruth(source) != 0 ? 1 : 0;
            pieces.encode(source, 0);
            for (int patch = 0; patch < source.patchCount(); patch++)
            {
                assertTrue(pieces.deliver(pieces.reportIndex(patch), assembly, 0));
            }
            assertEquals(1, assembly.poll(0), "epoch " + k + " is whole");
        }

        assertTrue(flipped > epochs / 10, "the hardware flipped patches in " + flipped + " epochs");
        for (int k = 0; k < epochs; k++)
        {
            assertEquals(cancel[k] ? EpochVerdict.RIGHT : EpochVerdict.WRONG, judged.verdicts[k], "epoch " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void shouldJudgeAWrongCorrectionAtBWrong(final int repeaters)
    {
        rig(repeaters);
        final SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 64; k++)
        {
            final long truth = random.nextLong() & mask(source);
            chain.fill(source, k, truth, truth, random.nextInt(1 << (2 * repeaters)), SyntheticChain.FAITHFUL);
            // Perfect decoders: the faithful correction is right; B reports one with a Pauli too many.
            source.accumulated(source.accumulated() ^ (1 + (k % 3)));
            deliverAll(pieces.encode(source, 0), assembly, k);
            assembly.poll(k);

            assertEquals(EpochVerdict.WRONG, judged.verdicts[k], "epoch " + k);
            assertEquals(0L, ChainVerifier.residualParity(source), "the residuals alone would say right");
        }
    }

    @Test
    void shouldAssembleEpochsWhosePiecesArriveInAnyOrder()
    {
        final int repeaters = 3;
        rig(repeaters);
        final SplittableRandom random = new SplittableRandom(5);
        final int epochs = 12;
        final long[] truths = new long[epochs];
        final long[] decodeds = new long[epochs];
        final EpochVerdict[] expected = new EpochVerdict[epochs];
        final List<byte[]> shuffled = new ArrayList<>();
        final List<Boolean> isTruth = new ArrayList<>();
        for (int k = 0; k < epochs; k++)
        {
            truths[k] = random.nextLong() & mask(source);
            decodeds[k] = truths[k] ^ sparseResiduals(random, source.patchCount());
            chain.fill(source, k, truths[k], decodeds[k], random.nextInt(64), SyntheticChain.FAITHFUL);
            expected[k] = ChainVerifier.residualParity(source) == 0 ? EpochVerdict.RIGHT : EpochVerdict.WRONG;
            pieces.encode(source, 0);
            for (int i = 0; i < pieces.count(); i++)
            {
                final byte[] piece = new byte[pieces.length(i)];
                pieces.buffer().getBytes(pieces.offset(i), piece);
                shuffled.add(piece);
                isTruth.add(pieces.isTruth(i));
            }
        }
        for (int i = shuffled.size() - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            shuffled.set(j, shuffled.set(i, shuffled.get(j)));
            isTruth.set(j, isTruth.set(i, isTruth.get(j)));
        }
        for (int i = 0; i < shuffled.size(); i++)
        {
            final UnsafeBuffer piece = new UnsafeBuffer(shuffled.get(i));
            assertTrue(isTruth.get(i) ? assembly.onTruth(piece, 0, piece.capacity(), 0) :
                assembly.onReport(piece, 0, piece.capacity(), 0));
        }
        assembly.poll(0);

        assertEquals(epochs, judged.count());
        for (int k = 0; k < epochs; k++)
        {
            assertEquals(k, judged.numbers[k], "closed in order");
            assertEquals(truths[k], judged.truths[k]);
            assertEquals(decodeds[k], judged.decodeds[k]);
            assertEquals(expected[k], judged.verdicts[k]);
        }
    }

    @Test
    void shouldCloseEpochsInOrderOnly()
    {
        rig(1);

        chain.fill(source, 0, 0L, 0L, 0, SyntheticChain.FAITHFUL);
        pieces.encode(source, 0);
        final int bReport = pieces.reportIndex(source.patchB());
        deliverAllBut(bReport, pieces, assembly, 0);
        chain.fill(source, 1, 0L, 0L, 0, SyntheticChain.FAITHFUL);
        deliverAll(pieces.encode(source, 0), assembly, 0);

        assertEquals(0, assembly.poll(0), "epoch 1 is whole but waits for epoch 0");
        assertEquals(2, assembly.openEpochs());
        chain.fill(source, 0, 0L, 0L, 0, SyntheticChain.FAITHFUL);
        assertTrue(pieces.encode(source, 0).deliver(bReport, assembly, 0));
        assertEquals(2, assembly.poll(0));
        assertEquals(0, judged.numbers[0]);
        assertEquals(1, judged.numbers[1]);
        assertEquals(EpochVerdict.RIGHT, judged.verdicts[0]);
        assertEquals(EpochVerdict.RIGHT, judged.verdicts[1]);
    }

    @Test
    void shouldFailAtTheDeadlineAnEpochMissingATruthOrAnEndsReportAndJudgeOneMissingOnlyARepeatersReport()
    {
        final int repeaters = 2;
        rig(repeaters);
        final int[] missing = {pieces.truthIndex(0), pieces.truthIndex(2), pieces.truthIndex(3),
            pieces.reportIndex(ChainEpoch.PATCH_A), pieces.reportIndex(source.patchB()), pieces.reportIndex(2)};
        final EpochVerdict[] expected = {EpochVerdict.FAILED, EpochVerdict.FAILED, EpochVerdict.FAILED,
            EpochVerdict.FAILED, EpochVerdict.FAILED, EpochVerdict.RIGHT};
        for (int m = 0; m < missing.length; m++)
        {
            rig(repeaters);
            chain.fill(source, 0, 0x5a5L, 0x5a5L, 6, SyntheticChain.FAITHFUL);
            pieces.encode(source, 0);
            final long start = 1_000L;
            deliverAllBut(missing[m], pieces, assembly, start);

            assertEquals(0, assembly.poll(start + DEADLINE_NS - 1), "piece " + missing[m] + ": before the deadline");
            assertEquals(1, assembly.poll(start + DEADLINE_NS), "piece " + missing[m] + ": at the deadline");
            assertEquals(expected[m], judged.verdicts[0], "piece " + missing[m] + " missing");
            assertFalse(judged.residualsKnown[0]);
            assertEquals(1, assembly.count(Counter.CLOSED_AT_DEADLINE));
            assertEquals(expected[m] == EpochVerdict.FAILED ? 1 : 0, assembly.count(Counter.CLOSED_FAILED));
            assertEquals(expected[m] == EpochVerdict.FAILED ? 0 : 1,
                assembly.count(Counter.CLOSED_WITHOUT_RESIDUALS));
        }
    }

    @Test
    void shouldFailAnEpochNothingArrivedForAtTheDeadlineOfTheNextOnesFirstPiece()
    {
        rig(1);
        chain.fill(source, 1, 0L, 0L, 0, SyntheticChain.FAITHFUL);
        deliverAll(pieces.encode(source, 0), assembly, 500);

        assertEquals(0, assembly.poll(500 + DEADLINE_NS - 1));
        assertEquals(2, assembly.poll(500 + DEADLINE_NS));
        assertEquals(EpochVerdict.FAILED, judged.verdicts[0]);
        assertEquals(0, judged.numbers[0]);
        assertEquals(EpochVerdict.RIGHT, judged.verdicts[1]);
    }

    @Test
    void shouldMarkEpochsByTheChainFlagsOfBsReport()
    {
        rig(1);
        final int[] flags = {0, ChainFlags.EPOCH_INCOMPLETE, ChainFlags.EPOCH_FAILED, ChainFlags.ALL};
        for (int k = 0; k < flags.length; k++)
        {
            chain.fill(source, k, 0x9cL, 0x9cL, 3, SyntheticChain.FAITHFUL);
            deliverAll(pieces.encode(source, flags[k]), assembly, 0);
        }
        assembly.poll(0);

        assertEquals(EpochVerdict.RIGHT, judged.verdicts[0]);
        assertEquals(EpochVerdict.INCOMPLETE, judged.verdicts[1]);
        assertEquals(EpochVerdict.FAILED, judged.verdicts[2]);
        assertEquals(EpochVerdict.FAILED, judged.verdicts[3]);
    }

    @Test
    void shouldCountEveryRefusedPieceByKindAndLeaveTheEpochAsItWas()
    {
        final int repeaters = 1;
        rig(repeaters);
        chain.fill(source, 0, 0x36L, 0x36L, 2, SyntheticChain.FAITHFUL);
        pieces.encode(source, 0);
        final UnsafeBuffer bad = new UnsafeBuffer(new byte[256]);
        final LogicalStateWriter writer = new LogicalStateWriter();
        final int[] ids = {2, 3};
        final long[] flips = {3, 3};

        // Every good piece but B's report, so the epoch stays open while the bad ones arrive.
        final int bReport = pieces.reportIndex(source.patchB());
        deliverAllBut(bReport, pieces, assembly, 0);
        assertFalse(pieces.deliver(pieces.truthIndex(1), assembly, 0));
        assertFalse(pieces.deliver(pieces.reportIndex(ChainEpoch.PATCH_A), assembly, 0));

        final int truth = TruthRecords.write(bad, 0, 0, 1, EpochTruth.MEASURED, ids, flips, 2);
        assertFalse(assembly.onTruth(bad, 0, truth - 1, 0), "short record");
        TruthRecords.write(bad, 0, 0, 3, EpochTruth.MEASURED, ids, flips, 2);
        assertFalse(assembly.onTruth(bad, 0, truth, 0), "node 3 of a chain of nodes 0..2");
        TruthRecords.write(bad, 0, 0, 1, 0, ids, flips, 2);
        assertFalse(assembly.onTruth(bad, 0, truth, 0), "a repeater that measured nothing");
        TruthRecords.write(bad, 0, 0, 1, EpochTruth.MEASURED, new int[] {2, 4}, flips, 2);
        assertFalse(assembly.onTruth(bad, 0, truth, 0), "patch ids of another node");
        TruthRecords.write(bad, 0, 0, 1, EpochTruth.MEASURED, ids, flips, 1);
        assertFalse(assembly.onTruth(bad, 0, truth, 0), "one patch on a repeater");
        TruthRecords.write(bad, 0, 0, 1, EpochTruth.MEASURED, ids, new long[] {4, 0}, 2);
        assertFalse(assembly.onTruth(bad, 0, truth, 0), "flips outside X and Z");

        int report = writer.encode(bad, 0, 2, 4, 0, 3, 5, 0, 0, 0, 0, 2, LogicalStateWriter.NO_NODE, 2, PATH, 0, 0);
        bad.putByte(20, (byte)(bad.getByte(20) ^ 1));
        assertFalse(assembly.onReport(bad, 0, report, 0), "bad checksum");
        report = writer.encode(bad, 0, 2, 4, 0, 3, 5, 0, 0, 0, 0, 2, LogicalStateWriter.NO_NODE, 2, PATH, 0, 0);
        assertFalse(assembly.onReport(bad, 0, report - 1, 0), "short frame");
        assertFalse(assembly.onReport(bad, 0, asVersionOne(bad), 0), "version 1: no epoch");
        report = writer.encode(bad, 0, 2, 4, 0, 3, 5, 0, 0, 0);
        assertFalse(assembly.onReport(bad, 0, report, 0), "not on a chain");
        report = writer.encode(bad, 0, 2, 4, 0, 7, 5, 0, 0, 0, 0, 2, LogicalStateWriter.NO_NODE, 2, PATH, 0, 0);
        assertFalse(assembly.onReport(bad, 0, report, 0), "flips outside X and Z");
        report = writer.encode(bad, 0, 2, 5, 0, 3, 5, 0, 0, 0, 0, 2, LogicalStateWriter.NO_NODE, 2, PATH, 0, 0);
        assertFalse(assembly.onReport(bad, 0, report, 0), "patch 5 of a chain of patches 1..4");
        report = writer.encode(bad, 0, 1, 4, 0, 3, 5, 0, 0, 0, 0, 1, LogicalStateWriter.NO_NODE, 2, PATH, 0, 0);
        assertFalse(assembly.onReport(bad, 0, report, 0), "B's patch from the repeater");
        report = writer.encode(bad, 0, 2, 4, 0, 3, 5, 0, 0, 0, 0, 2, LogicalStateWriter.NO_NODE, 2, PATH + 1, 0, 0);
        assertFalse(assembly.onReport(bad, 0, report, 0), "another path");

        assertEquals(0, assembly.poll(0));
        assertTrue(pieces.deliver(bReport, assembly, 0));
        assertEquals(1, assembly.poll(0));
        assertFalse(pieces.deliver(pieces.truthIndex(0), assembly, 0), "late truth");
        assertFalse(pieces.deliver(bReport, assembly, 0), "late report");

        assertEquals(EpochVerdict.RIGHT, judged.verdicts[0], "the epoch as the good pieces made it");
        assertEquals(JudgedEpochs.packTruth(source), judged.truths[0]);
        assertEquals(JudgedEpochs.packDecoded(source), judged.decodeds[0]);
        assertEquals(source.accumulated(), judged.corrections[0]);
        assertEquals(2, assembly.count(Counter.DUPLICATE));
        assertEquals(5, assembly.count(Counter.MALFORMED_TRUTH));
        assertEquals(5, assembly.count(Counter.MALFORMED_REPORT));
        assertEquals(3, assembly.count(Counter.UNKNOWN_NODE));
        assertEquals(1, assembly.count(Counter.WRONG_PATH));
        assertEquals(2, assembly.count(Counter.LATE));
        assertEquals(3, assembly.count(Counter.TRUTHS));
        assertEquals(4, assembly.count(Counter.REPORTS));
        assertTrue(assembly.summary().contains("refused 2 late, 2 duplicate, 5 malformed truths, " +
            "5 malformed reports, 3 unknown node, 1 wrong path"), assembly.summary());
    }

    @Test
    void shouldCloseTheOldestEpochsAsAtTheirDeadlineForAPieceAWindowAhead()
    {
        rig(1);
        chain.fill(source, 0, 0L, 0L, 0, SyntheticChain.FAITHFUL);
        pieces.encode(source, 0);
        deliverAllBut(pieces.reportIndex(source.patchB()), pieces, assembly, 0);
        chain.fill(source, WINDOW + 1, 0L, 0L, 0, SyntheticChain.FAITHFUL);
        pieces.encode(source, 0);

        assertTrue(pieces.deliver(0, assembly, 0));
        assertEquals(2, judged.count(), "epochs 0 and 1 make room for epoch " + (WINDOW + 1));
        assertEquals(EpochVerdict.FAILED, judged.verdicts[0], "B's report never came");
        assertEquals(EpochVerdict.FAILED, judged.verdicts[1], "nothing came");
        assertEquals(2, assembly.count(Counter.CLOSED_BY_WINDOW));
        assertEquals(2, assembly.nextEpoch());
        assertEquals(WINDOW, assembly.openEpochs());
        assertEquals(WINDOW, assembly.closeOpen(), "at the end of a run");
        assertEquals(WINDOW + 2, judged.count());
    }

    /** A fresh assembly for a chain of {@code repeaters}, with what feeds it and what it closes. */
    private void rig(final int repeaters)
    {
        judged = new JudgedEpochs(repeaters);
        assembly = assembly(repeaters, judged);
        pieces = new ChainPieces(repeaters, PATH);
        source = new ChainEpoch(repeaters);
    }

    static EpochAssembly assembly(final int repeaters, final EpochAssembly.EpochHandler handler)
    {
        return new EpochAssembly(repeaters, WINDOW, DEADLINE_NS, 0, PATH, handler);
    }

    static void deliverAll(final ChainPieces pieces, final EpochAssembly assembly, final long nowNs)
    {
        for (int i = 0; i < pieces.count(); i++)
        {
            assertTrue(pieces.deliver(i, assembly, nowNs), "piece " + i);
        }
    }

    static void deliverAllBut(
        final int skipped, final ChainPieces pieces, final EpochAssembly assembly, final long nowNs)
    {
        for (int i = 0; i < pieces.count(); i++)
        {
            if (i != skipped)
            {
                assertTrue(pieces.deliver(i, assembly, nowNs), "piece " + i);
            }
        }
    }

    static long mask(final ChainEpoch epoch)
    {
        return (1L << (2 * epoch.patchCount())) - 1;
    }

    /** Each patch's residual is a Pauli with probability 1/5. */
    static long sparseResiduals(final SplittableRandom random, final int patches)
    {
        long residuals = 0;
        for (int p = 0; p < patches; p++)
        {
            residuals |= (random.nextInt(5) == 0 ? 1L + random.nextInt(3) : 0L) << (2 * p);
        }
        return residuals;
    }

    /** Rewrites the version 2 frame at 0 as the version 1 frame a version 1 writer would have sent; its length. */
    private static int asVersionOne(final UnsafeBuffer frame)
    {
        final int checksumOffset = 52;
        frame.putShort(0, (short)(LogicalStateWriter.V1_FRAME_LENGTH - 8), ByteOrder.LITTLE_ENDIAN);
        frame.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);
        frame.putInt(checksumOffset, FrameChecksum.compute(frame, 0, LogicalStateWriter.V1_FRAME_LENGTH,
            checksumOffset), ByteOrder.LITTLE_ENDIAN);
        return LogicalStateWriter.V1_FRAME_LENGTH;
    }
}
