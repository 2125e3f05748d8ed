package io.qecnode.bench.jmh;

import io.qecnode.bench.golden.GoldenData;
import io.qecnode.decoder.GoldenFiles;
import io.qecnode.decoder.experiment.AllocationMeter;
import io.qecnode.decoder.shots.ShotFormat;
import io.qecnode.io.auth.SealedState;
import io.qecnode.io.auth.StateMacAlgorithm;
import io.qecnode.io.frame.FrameCounter;
import io.qecnode.io.frame.LogicalStateView;
import io.qecnode.io.frame.LogicalStateWriter;
import io.qecnode.io.frame.SyndromeRoundWriter;
import io.qecnode.node.trust.MlKem;
import io.qecnode.pauli.PauliFrame;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark run in-process without JMH: its setup, then its benchmark method a few thousand times, checking the
 * work is real (not empty syndromes, not rejected frames) and that the operation allocates nothing.
 */
class JmhBenchmarksSmokeTest
{
    private static final int ALLOCATION_OPS = 20_000;
    private static final int ALLOCATION_WINDOWS = 5;

    @Test
    void shouldDecodePhenomenologicalShotsWithoutAllocating()
    {
        final DecoderBenchmark benchmark = new DecoderBenchmark();
        benchmark.distance = 5;
        benchmark.p = 0.01;
        benchmark.model = "phenomenological";
        benchmark.setup();

        assertNoAllocation(benchmark::decodeShotAverage);
    }

    @Test
    void shouldDecodeGoldenCircuitShotsWithCorrectionsWithoutAllocating() throws IOException
    {
        if (GoldenData.locate() == null)
        {
            GoldenFiles.missing(GoldenFiles.folder());
        }
        final CircuitDecoderBenchmark benchmark = new CircuitDecoderBenchmark();
        benchmark.distance = 5;
        benchmark.p = "0.005";
        benchmark.setup();

        long defects = 0;
        long corrections = 0;
        long mistakes = 0;
        final int shots = 2 * CircuitDecoderBenchmark.SHOT_RING;
        for (int i = 0; i < shots; i++)
        {
            final int shot = i % CircuitDecoderBenchmark.SHOT_RING;
            defects += benchmark.shots[shot].length;
            mistakes += benchmark.decodeShot() != benchmark.trueFlips[shot] ? 1 : 0;
            corrections += benchmark.result.correctionCount();
            assertEquals(0, benchmark.result.unmatchedDefects(), "shot " + i);
        }
        final String facts = "defects=" + defects + ", corrections=" + corrections + ", mistakes=" + mistakes;
        // Stim's own shots of this model light 8.33 detectors a shot; PyMatching gets 1.4 % of them wrong.
        assertTrue(defects > 7.5 * shots && defects < 9.2 * shots, facts);
        assertTrue(corrections > defects / 4, facts);
        assertTrue(mistakes < 0.05 * shots, facts);
        assertNoAllocation(benchmark::decodeShotAverage);
    }

    @Test
    void shouldFinishStreamedBlocksIncrementallyAsFromScratchWithoutAllocating() throws IOException
    {
        final StreamingFinishBenchmark benchmark = new StreamingFinishBenchmark();
        final StreamingFinishBenchmark.Stream incremental = streamingFinish(true);
        final StreamingFinishBenchmark.Stream scratch = streamingFinish(false);
        for (int i = 0; i < StreamingFinishBenchmark.BLOCK_RING; i++)
        {
            incremental.feedAllButLast();
            scratch.feedAllButLast();
            assertEquals(benchmark.reaction(scratch), benchmark.reaction(incremental), "block " + i);
        }
        assertTrue(incremental.decoder.incrementalFinishes() > StreamingFinishBenchmark.BLOCK_RING / 2,
            "incrementalFinishes=" + incremental.decoder.incrementalFinishes());
        assertEquals(0, scratch.decoder.incrementalFinishes());
        assertNoAllocation(() ->
        {
            incremental.feedAllButLast();
            return benchmark.reactionAverage(incremental);
        });
    }

    private static StreamingFinishBenchmark.Stream streamingFinish(final boolean incremental) throws IOException
    {
        final StreamingFinishBenchmark.Stream stream = new StreamingFinishBenchmark.Stream();
        stream.distance = 5;
        stream.model = "phenomenological";
        stream.p = "0.005";
        stream.incremental = incremental;
        stream.setup();
        return stream;
    }

    @Test
    void shouldEncodeValidateAndReadBackEveryRound()
    {
        final SyndromeFrameBenchmark benchmark = new SyndromeFrameBenchmark();
        benchmark.distance = 5;
        benchmark.p = 0.01;
        benchmark.setup();

        final int ops = 3 * SyndromeFrameBenchmark.ROUND_RING;
        long fired = 0;
        long expected = 0;
        for (int i = 0; i < ops; i++)
        {
            final int round = i % SyndromeFrameBenchmark.ROUND_RING;
            for (final long word : benchmark.rounds.detectorWords(round))
            {
                expected += Long.bitCount(word);
            }
            final int count = benchmark.encodeAndDecode();
            assertTrue(count >= 0, "frame rejected: op=" + i);
            fired += count;
        }
        assertEquals(expected, fired, "fired detectors read back");
        assertTrue(fired > ops / 10, "fired=" + fired + ", ops=" + ops);
        assertEquals(ops, benchmark.counters.value(FrameCounter.ACCEPTED));
        assertEquals(0, benchmark.counters.rejectedTotal());
        assertEquals(0, benchmark.counters.value(FrameCounter.GAPS) + benchmark.counters.value(FrameCounter.RESTARTS));
        assertNoAllocation(benchmark::encodeAndDecode);
    }

    @Test
    void shouldApplyDecodedCorrectionsToThePauliFrame()
    {
        final PauliFrameBenchmark benchmark = new PauliFrameBenchmark();
        benchmark.distance = 5;
        benchmark.p = 0.01;
        benchmark.setup();

        final PauliFrame reference = new PauliFrame(25);
        long applied = 0;
        for (int i = 0; i < 2 * PauliFrameBenchmark.SET_RING; i++)
        {
            final int set = i % PauliFrameBenchmark.SET_RING;
            for (final int qubit : benchmark.corrections.xQubits(set))
            {
                reference.applyX(qubit);
                applied++;
            }
            for (final int qubit : benchmark.corrections.zQubits(set))
            {
                reference.applyZ(qubit);
                applied++;
            }
            benchmark.applyCorrection();
            if (set % 97 == 0)
            {
                assertEquals(reference, benchmark.frame, "after op " + i);
            }
        }
        assertEquals(reference, benchmark.frame);
        // d=5 at p=0.01: 50 X and Z flip chances a shot, so about half a correction a shot.
        assertTrue(applied > PauliFrameBenchmark.SET_RING / 2, "corrections applied=" + applied);
        assertNoAllocation(() -> benchmark.applyCorrection() ? 1 : 0);
    }

    @Test
    void shouldForwardEachBlocksFlipsFromTheLogicalFrame()
    {
        final LogicalFrameBenchmark benchmark = new LogicalFrameBenchmark();
        benchmark.setup();

        final int[] seen = new int[4];
        for (int i = 0; i < 2 * LogicalFrameBenchmark.MASK_RING; i++)
        {
            final long flips = benchmark.flips[i % LogicalFrameBenchmark.MASK_RING];
            assertEquals(flips, benchmark.foldBlock(), "op " + i);
            seen[(int)flips]++;
        }
        for (int mask = 0; mask < 4; mask++)
        {
            assertTrue(seen[mask] > LogicalFrameBenchmark.MASK_RING / 8, "mask " + mask + " drawn " + seen[mask]);
        }
        assertNoAllocation(benchmark::foldBlock);
    }

    @Test
    void shouldAcceptEveryStateItMacsWithEachCandidate()
    {
        for (final StateMacAlgorithm algorithm : StateMacAlgorithm.values())
        {
            final StateMacBenchmark benchmark = new StateMacBenchmark();
            benchmark.algorithm = algorithm;
            benchmark.setup();

            for (int i = 0; i < 2 * StateMacBenchmark.FRAME_RING; i++)
            {
                assertTrue(benchmark.verify(), algorithm + " op " + i);
            }
            // The epoch is bound into the MAC: a frame with its neighbour's epoch is refused.
            benchmark.epochs[0]++;
            int accepted = 0;
            for (int i = 0; i < StateMacBenchmark.FRAME_RING; i++)
            {
                accepted += benchmark.verify() ? 1 : 0;
            }
            assertEquals(StateMacBenchmark.FRAME_RING - 1, accepted, algorithm.name());
            assertNoAllocation(benchmark::compute);
            assertNoAllocation(() -> benchmark.verify() ? 1 : 0);
        }
    }

    @Test
    void shouldOpenEveryStateItSealsWithEachCandidate()
    {
        for (final StateMacAlgorithm algorithm : StateMacAlgorithm.values())
        {
            final SealedStateBenchmark benchmark = new SealedStateBenchmark();
            benchmark.algorithm = algorithm;
            benchmark.setup();

            final int ops = 2 * SealedStateBenchmark.STATE_RING;
            for (int i = 0; i < ops; i++)
            {
                assertTrue(benchmark.crcOnly(), algorithm + " op " + i);
                assertEquals(SealedState.LENGTH, benchmark.seal(), algorithm + " op " + i);
                assertTrue(benchmark.open(), algorithm + " op " + i);
            }
            assertEquals(ops, benchmark.opener.opened());
            // One flipped MAC bit: that state is refused, the others still open.
            final int macByte = SealedState.MAC_OFFSET;
            benchmark.received.putByte(macByte, (byte)(benchmark.received.getByte(macByte) ^ 1));
            int opened = 0;
            for (int i = 0; i < SealedStateBenchmark.STATE_RING; i++)
            {
                opened += benchmark.open() ? 1 : 0;
            }
            assertEquals(SealedStateBenchmark.STATE_RING - 1, opened, algorithm.name());
            assertNoAllocation(() -> benchmark.crcOnly() ? 1 : 0);
            assertNoAllocation(benchmark::seal);
            assertNoAllocation(() -> benchmark.open() ? 1 : 0);
        }
    }

    @Test
    void shouldSignHellosThatVerifyWithAndWithoutAnEncapsulationKey()
    {
        for (final int kemBytes : new int[]{0, HelloBenchmark.ENCAPSULATION_KEY_LENGTH})
        {
            final HelloBenchmark benchmark = new HelloBenchmark();
            benchmark.kemBytes = kemBytes;
            benchmark.setup();

            assertTrue(benchmark.verify(), "kem " + kemBytes);
            final int length = benchmark.encodeAndSign();
            // Header, fixed fields, two var data lengths, the KEM bytes and an ML-DSA-65 signature.
            assertEquals(8 + 76 + 2 + kemBytes + 2 + 3309, length, "kem " + kemBytes);
            assertTrue(benchmark.codec.verify(benchmark.encoded, 0, length, benchmark.identity.publicKey()));
            benchmark.encoded.putByte(20, (byte)(benchmark.encoded.getByte(20) ^ 1));
            assertFalse(benchmark.codec.verify(benchmark.encoded, 0, length, benchmark.identity.publicKey()),
                "a changed field fails the signature, kem " + kemBytes);
        }
    }

    @Test
    void shouldAgreeOnTheStateKeyAtBothEndsOfTheKeyExchange()
    {
        final KeyExchangeBenchmark benchmark = new KeyExchangeBenchmark();
        benchmark.setup();

        assertArrayEquals(benchmark.senderKey, benchmark.decapsulateAndDerive());
        assertEquals(KeyExchangeBenchmark.KEY_LENGTH, benchmark.senderKey.length);
        assertEquals(MlKem.ENCAPSULATION_KEY_LENGTH, benchmark.keygen().length);
        // Each encapsulation is a fresh secret: two answers never give the same key.
        assertFalse(Arrays.equals(benchmark.encapsulate(), benchmark.encapsulate()));
    }

    @Test
    void shouldHandEveryTelemetryEventOverOnOneThread()
    {
        final TelemetryRoundTripBenchmark benchmark = new TelemetryRoundTripBenchmark();
        benchmark.setup();

        // 48 bytes a record: the 64 KiB ring wraps every 1365 events, and a drain that meets the wrap reads nothing.
        final int ops = 20_000;
        for (int i = 0; i < ops; i++)
        {
            final long reactionNs = benchmark.offerAndDrain();
            assertTrue(reactionNs == (i & 0xFFF) || reactionNs == ((i - 1) & 0xFFF), "op " + i);
            assertTrue(benchmark.drained >= i, "op " + i + ", drained=" + benchmark.drained);
        }
        assertEquals(0, benchmark.telemetry.overflows());
        assertNoAllocation(benchmark::offerAndDrain);
    }

    @Test
    void shouldHandOverWhatTheProducerOffersAndCountWhatItDrops()
    {
        final TelemetryHandOffBenchmark benchmark = new TelemetryHandOffBenchmark();
        benchmark.setup();
        final TelemetryHandOffBenchmark.Producer producer = new TelemetryHandOffBenchmark.Producer();
        final TelemetryHandOffBenchmark.Consumer consumer = new TelemetryHandOffBenchmark.Consumer();

        // A burst longer than the ring (1365 records), then drains: everything offered arrives, the rest is counted.
        long offered = 0;
        for (int i = 0; i < 5_000; i++)
        {
            offered += benchmark.offer(producer) ? 1 : 0;
        }
        while (benchmark.drain(consumer) > 0)
        {
            assertTrue(consumer.drained <= offered);
        }
        assertEquals(offered, consumer.drained);
        assertEquals(5_000 - offered, producer.dropped);
        assertEquals(producer.dropped, benchmark.telemetry.overflows());
        assertEquals(TelemetryRoundTripBenchmark.CAPACITY_BYTES / 48, offered, "48-byte records in the ring");
        assertTrue(consumer.reactionNsSum() > 0);
        assertNoAllocation(() -> (benchmark.offer(producer) ? 1 : 0) + benchmark.drain(consumer));
    }

    @Test
    void shouldEmitOneCorrectStatePerBlockFromTheWholeHotPath()
    {
        final HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.distance = 5;
        benchmark.p = 0.01;
        benchmark.setup();

        final LogicalStateView state = new LogicalStateView();
        final int frames = benchmark.frames.count();
        final int ops = 2 * frames + 3;
        long blocksEnded = 0;
        long mistakes = 0;
        long flippedBlocks = 0;
        long frameBefore = 0;
        for (int i = 0; i < ops; i++)
        {
            final int round = i % frames;
            final long statesBefore = benchmark.states;
            final long states = benchmark.onFrame();
            if (benchmark.rounds.endOfBlock(round))
            {
                blocksEnded++;
                assertEquals(statesBefore + 1, states, "one state at the end of block, op " + i);
                state.wrap(benchmark.lastState, benchmark.lastStateOffset);
                final long block = benchmark.rounds.blockIndex(round);
                assertEquals(block, state.blockSequence());
                assertEquals(6, state.roundsDecoded());
                final long truth = benchmark.rounds.trueObservableFlips((int)block);
                // The state carries the frame accumulated over blocks: this block's flips are what it changed.
                mistakes += (state.frameBits() ^ frameBefore) != truth ? 1 : 0;
                frameBefore = state.frameBits();
                flippedBlocks += truth != 0 ? 1 : 0;
            }
            else
            {
                assertEquals(statesBefore, states, "no state mid-block, op " + i);
            }
        }
        final String facts = "blocks=" + blocksEnded + ", mistakes=" + mistakes + ", flipped=" + flippedBlocks;
        assertEquals(blocksEnded, benchmark.counters.blocksOut(), facts);
        assertEquals(6 * blocksEnded, benchmark.counters.roundsDecoded());
        assertEquals(0, benchmark.counters.blocksIncomplete() + benchmark.counters.roundsLost());
        assertEquals(ops, benchmark.frameCounters.value(FrameCounter.ACCEPTED));
        assertEquals(2, benchmark.frameCounters.value(FrameCounter.RESTARTS), "one restart per wrap of the ring");
        assertEquals(0, benchmark.frameCounters.rejectedTotal());
        assertEquals(0, benchmark.counters.telemetryOverflow().get());
        assertTrue(benchmark.telemetryEvents >= blocksEnded - HotPathBenchmark.DRAIN_INTERVAL, facts);
        // d=5, 5 noisy rounds at p=0.01: blocks whose errors flip a logical are common, decoding mistakes rare.
        assertTrue(flippedBlocks > blocksEnded / 20, facts);
        assertTrue(mistakes < blocksEnded / 20, facts);
        assertNoAllocation(benchmark::onFrameAverage);
    }

    @Test
    void shouldChecksumEachFrameAlikeWithTheIntrinsicAndTheTableWithoutAllocating()
    {
        for (final String frame : new String[]{ "state", "round" })
        {
            for (final String buffer : new String[]{ "direct", "array" })
            {
                final Crc32cBenchmark benchmark = new Crc32cBenchmark();
                benchmark.frame = frame;
                benchmark.buffer = buffer;
                benchmark.setup();

                final String facts = "frame=" + frame + ", buffer=" + buffer;
                // The frames were written with their checksum: each one's field holds what both compute. Each call
                // takes the next frame of the ring, so the two take turns.
                for (int i = 0; i < 2 * Crc32cBenchmark.FRAME_RING; i++)
                {
                    final int offset = (i % Crc32cBenchmark.FRAME_RING) * Crc32cBenchmark.STRIDE;
                    final int field = benchmark.frames.getInt(offset + benchmark.checksumOffset, ByteOrder.LITTLE_ENDIAN);
                    final int computed = i % 2 == 0 ? benchmark.intrinsic() : benchmark.table();
                    assertEquals(field, computed, facts + ", op " + i);
                }
                assertEquals("state".equals(frame) ? LogicalStateWriter.FRAME_LENGTH :
                    SyndromeRoundWriter.frameLength(120), benchmark.frameLength, facts);
                assertNoAllocation(benchmark::intrinsic);
                assertNoAllocation(benchmark::table);
            }
        }
    }

    @Test
    void shouldReadAndWriteShotsInEveryFormatWithoutAllocating() throws IOException
    {
        for (final ShotFormat format : ShotFormat.values())
        {
            final ShotFormatBenchmark benchmark = new ShotFormatBenchmark();
            benchmark.format = format.stimName();
            benchmark.setup();
            long defects = 0;
            for (int i = 0; i < 2 * ShotFormatBenchmark.SHOTS; i++)
            {
                defects += benchmark.readShot();
            }
            // The replay read back what was sampled: about 2% of 720 detectors a shot, through the end and again.
            final double perShot = defects / (2.0 * ShotFormatBenchmark.SHOTS);
            assertTrue(perShot > 12 && perShot < 17, format + ": defects per shot=" + perShot);
            assertNoAllocation(unchecked(benchmark::readShot));
            assertNoAllocation(unchecked(() ->
            {
                benchmark.writeShot();
                return 1;
            }));
            benchmark.tearDown();
        }
    }

    private interface IoOperation
    {
        long run() throws IOException;
    }

    private static LongSupplier unchecked(final IoOperation operation)
    {
        return () ->
        {
            try
            {
                return operation.run();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        };
    }

    private static void assertNoAllocation(final LongSupplier operation)
    {
        final long[] sink = new long[1];
        final Runnable section = () ->
        {
            long sum = 0;
            for (int i = 0; i < ALLOCATION_OPS; i++)
            {
                sum += operation.getAsLong();
            }
            sink[0] += sum;
        };
        section.run();
        assertEquals(0, AllocationMeter.leastBytesAllocatedBy(section, ALLOCATION_WINDOWS),
            "bytes allocated by " + ALLOCATION_OPS + " operations");
    }
}
