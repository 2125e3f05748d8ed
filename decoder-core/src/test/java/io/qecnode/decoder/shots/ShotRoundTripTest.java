package io.qecnode.decoder.shots;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.qecnode.decoder.shots.ShotTestSupport.randomShots;
import static io.qecnode.decoder.shots.ShotTestSupport.readAll;
import static io.qecnode.decoder.shots.ShotTestSupport.reader;
import static io.qecnode.decoder.shots.ShotTestSupport.reference;
import static io.qecnode.decoder.shots.ShotTestSupport.shotCountFor;
import static io.qecnode.decoder.shots.ShotTestSupport.toMask;
import static io.qecnode.decoder.shots.ShotTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ShotRoundTripTest
{
    private static final int[] WIDTHS = { 1, 7, 8, 9, 63, 64, 65, 120, 4896 };
    private static final int[] SHOT_COUNTS = { 0, 1, 5, 150 };

    static Stream<Arguments> detectorLayouts()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ShotFormat format : ShotFormat.values())
        {
            for (final int width : WIDTHS)
            {
                for (final int shots : SHOT_COUNTS)
                {
                    cases.add(Arguments.of(format, ShotLayout.detectors(width), shots));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> appendedLayouts()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ShotFormat format : ShotFormat.values())
        {
            for (final int detectors : new int[]{ 0, 1, 7, 63, 120, 4896 })
            {
                for (final int observables : new int[]{ 1, 2, 7, 64 })
                {
                    cases.add(Arguments.of(format, ShotLayout.detectorsWithObservables(detectors, observables), 40));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> maskLayouts()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final ShotFormat format : ShotFormat.values())
        {
            for (final int width : new int[]{ 1, 7, 8, 9, 63, 64 })
            {
                cases.add(Arguments.of(format, ShotLayout.detectors(width)));
                cases.add(Arguments.of(format, ShotLayout.observables(width)));
            }
            cases.add(Arguments.of(format, ShotLayout.detectorsWithObservables(9, 1)));
            cases.add(Arguments.of(format, ShotLayout.detectorsWithObservables(1, 63)));
            cases.add(Arguments.of(format, ShotLayout.detectorsWithObservables(60, 4)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} shots={2}")
    @MethodSource("detectorLayouts")
    void shouldWriteStimBytesAndReadThemBack(final ShotFormat format, final ShotLayout layout, final int shotCount)
        throws IOException
    {
        assertRoundTrip(format, layout, shotCount);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("appendedLayouts")
    void shouldRoundTripAppendedObservables(final ShotFormat format, final ShotLayout layout, final int shotCount)
        throws IOException
    {
        assertRoundTrip(format, layout, shotCount);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("maskLayouts")
    void shouldRoundTripMasksAndAgreeWithTheSparseForm(final ShotFormat format, final ShotLayout layout)
        throws IOException
    {
        final List<boolean[]> shots = randomShots(layout.bitCount(), shotCountFor(format, 200),
            7L * layout.bitCount() + format.ordinal());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShotWriter writer = ShotWriter.create(format, out, layout))
        {
            for (final boolean[] shot : shots)
            {
                writer.writeMask(toMask(shot));
            }
        }
        assertArrayEquals(write(format, layout, shots), out.toByteArray());

        try (ShotReader reader = reader(format, layout, out.toByteArray()))
        {
            for (int s = 0; s < shots.size(); s++)
            {
                assertEquals(toMask(shots.get(s)), reader.readMask(), "shot " + s);
            }
            assertFalse(reader.hasMoreShots());
            reader.expectEnd();
            assertEquals(shots.size(), reader.shotsRead());
        }
    }

    private static void assertRoundTrip(final ShotFormat format, final ShotLayout layout, final int requestedShots)
        throws IOException
    {
        // ptb64 holds whole blocks of 64 shots only.
        final int shotCount = shotCountFor(format, requestedShots);
        final List<boolean[]> shots = randomShots(layout.bitCount(), shotCount, 31L * layout.bitCount() + shotCount);
        final byte[] data = write(format, layout, shots);
        assertArrayEquals(reference(format, shots, layout), data, "bytes differ from Stim's sample saving code");
        if (format == ShotFormat.B8)
        {
            assertEquals((long)shotCount * layout.b8BytesPerShot(), data.length);
            assertEquals(shotCount, B8Files.shotCount(data.length, layout));
        }

        final List<boolean[]> read = readAll(format, layout, data);
        assertEquals(shotCount, read.size());
        for (int s = 0; s < shotCount; s++)
        {
            assertArrayEquals(shots.get(s), read.get(s), "shot " + s);
        }
    }
}
