package io.qecnode.decoder.shots;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shots as plain {@code boolean[]} bit vectors (detectors first, then observables) and reference encoders written from
 * the sample saving code in Stim's doc/result_formats.md, independent of the code under test.
 */
final class ShotTestSupport
{
    private ShotTestSupport()
    {
    }

    /** Random shots whose densities vary from all-zero through sparse and dense to all-one. */
    static List<boolean[]> randomShots(final int bitCount, final int shotCount, final long seed)
    {
        final double[] densities = { 0.0, 0.01, 0.1, 0.5, 0.9, 1.0 };
        final SplittableRandom random = new SplittableRandom(seed);
        final List<boolean[]> shots = new ArrayList<>(shotCount);
        for (int s = 0; s < shotCount; s++)
        {
            final double density = densities[random.nextInt(densities.length)];
            final boolean[] bits = new boolean[bitCount];
            for (int k = 0; k < bitCount; k++)
            {
                bits[k] = random.nextDouble() < density;
            }
            shots.add(bits);
        }
        return shots;
    }

    static SparseShot toSparse(final boolean[] bits, final ShotLayout layout, final SparseShot out)
    {
        out.clear();
        long flips = 0;
        for (int k = 0; k < bits.length; k++)
        {
            if (bits[k])
            {
                if (k < layout.detectorCount())
                {
                    out.addDefect(k);
                }
                else
                {
                    flips |= 1L << (k - layout.detectorCount());
                }
            }
        }
        return out.observableFlips(flips);
    }

    static boolean[] toBits(final SparseShot shot, final ShotLayout layout)
    {
        final boolean[] bits = new boolean[layout.bitCount()];
        for (int i = 0; i < shot.defectCount(); i++)
        {
            bits[shot.defects()[i]] = true;
        }
        for (int k = 0; k < layout.observableCount(); k++)
        {
            bits[layout.detectorCount() + k] = (shot.observableFlips() >>> k & 1) != 0;
        }
        return bits;
    }

    static long toMask(final boolean[] bits)
    {
        long mask = 0;
        for (int k = 0; k < bits.length; k++)
        {
            mask |= bits[k] ? 1L << k : 0;
        }
        return mask;
    }

    static byte[] reference(final ShotFormat format, final List<boolean[]> shots, final ShotLayout layout)
    {
        switch (format)
        {
            case B8:
                return referenceB8(shots, layout);
            case TEXT_01:
                return reference01(shots);
            case R8:
                return referenceR8(shots);
            case HITS:
                return referenceHits(shots);
            case PTB64:
                return referencePtb64(shots, layout);
            default:
                return referenceDets(shots, layout);
        }
    }

    // save_b8: each shot little-endian in ceil(n / 8) bytes.
    static byte[] referenceB8(final List<boolean[]> shots, final ShotLayout layout)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final boolean[] shot : shots)
        {
            final byte[] record = new byte[layout.b8BytesPerShot()];
            for (int k = 0; k < shot.length; k++)
            {
                if (shot[k])
                {
                    record[k / 8] |= (byte)(1 << (k % 8));
                }
            }
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    // save_01: one '0'/'1' character per bit, "\n" after each shot.
    static byte[] reference01(final List<boolean[]> shots)
    {
        final StringBuilder text = new StringBuilder();
        for (final boolean[] shot : shots)
        {
            for (final boolean bit : shot)
            {
                text.append(bit ? '1' : '0');
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // save_r8: for each one, the zeros before it (255 written as 255 and the run goes on), then the run to one past
    // the last bit as if a one were appended.
    static byte[] referenceR8(final List<boolean[]> shots)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final boolean[] shot : shots)
        {
            int run = 0;
            for (int k = 0; k <= shot.length; k++)
            {
                if (k == shot.length || shot[k])
                {
                    while (run >= 255)
                    {
                        out.write(255);
                        run -= 255;
                    }
                    out.write(run);
                    run = 0;
                }
                else
                {
                    run++;
                }
            }
        }
        return out.toByteArray();
    }

    // save_ptb64: per 64 shots, for each bit one little-endian 64-bit word whose bit s is that bit of shot s.
    static byte[] referencePtb64(final List<boolean[]> shots, final ShotLayout layout)
    {
        if (shots.size() % 64 != 0)
        {
            throw new IllegalArgumentException("ptb64 needs a multiple of 64 shots: shots=" + shots.size());
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int first = 0; first < shots.size(); first += 64)
        {
            for (int k = 0; k < layout.bitCount(); k++)
            {
                long word = 0;
                for (int s = 0; s < 64; s++)
                {
                    word |= shots.get(first + s)[k] ? 1L << s : 0;
                }
                for (int b = 0; b < 8; b++)
                {
                    out.write((int)(word >>> (8 * b)) & 0xFF);
                }
            }
        }
        return out.toByteArray();
    }

    /** @return the shot count a test of the format can use: ptb64 holds whole blocks of 64 only. */
    static int shotCountFor(final ShotFormat format, final int shots)
    {
        return format == ShotFormat.PTB64 ? (shots + 63) / 64 * 64 : shots;
    }

    // save_hits: the indices of the set bits, comma separated, then "\n".
    static byte[] referenceHits(final List<boolean[]> shots)
    {
        final StringBuilder text = new StringBuilder();
        for (final boolean[] shot : shots)
        {
            String separator = "";
            for (int k = 0; k < shot.length; k++)
            {
                if (shot[k])
                {
                    text.append(separator).append(k);
                    separator = ",";
                }
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // save_dets: "shot", then " D<k>" for detectors, then " L<k>" for observables, then "\n".
    static byte[] referenceDets(final List<boolean[]> shots, final ShotLayout layout)
    {
        final StringBuilder text = new StringBuilder();
        for (final boolean[] shot : shots)
        {
            text.append("shot");
            for (int k = 0; k < layout.detectorCount(); k++)
            {
                if (shot[k])
                {
                    text.append(" D").append(k);
                }
            }
            for (int k = 0; k < layout.observableCount(); k++)
            {
                if (shot[layout.detectorCount() + k])
                {
                    text.append(" L").append(k);
                }
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] write(final ShotFormat format, final ShotLayout layout, final List<boolean[]> shots)
        throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final SparseShot shot = SparseShot.forLayout(layout);
        try (ShotWriter writer = ShotWriter.create(format, out, layout))
        {
            for (final boolean[] bits : shots)
            {
                writer.write(toSparse(bits, layout, shot));
            }
        }
        return out.toByteArray();
    }

    static List<boolean[]> readAll(final ShotFormat format, final ShotLayout layout, final byte[] data)
        throws IOException
    {
        final List<boolean[]> shots = new ArrayList<>();
        final SparseShot shot = SparseShot.forLayout(layout);
        try (ShotReader reader = ShotReader.open(format, new ByteArrayInputStream(data), layout))
        {
            while (reader.read(shot))
            {
                shots.add(toBits(shot, layout));
            }
        }
        return shots;
    }

    static ShotReader reader(final ShotFormat format, final ShotLayout layout, final String text)
    {
        return ShotReader.open(format, new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), layout);
    }

    static ShotReader reader(final ShotFormat format, final ShotLayout layout, final byte[] data)
    {
        return ShotReader.open(format, new ByteArrayInputStream(data), layout);
    }

    static byte[] bytes(final int... values)
    {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }
}
