package io.qecnode.node.journal;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.io.journal.JournalConfig;
import io.qecnode.io.journal.JournalWriter;
import io.qecnode.io.transport.FrameSender;
import io.qecnode.node.pipeline.NodeAgent;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A journal of {@link RecordedStream}'s rounds, recorded as {@code run -d 5 -p 0.01} records it (one daily cycle
 * file, a checkpoint every 10 blocks), and the ways to damage it that a crash or a disk can: a byte overwritten, the
 * file cut short, random bytes named like a cycle file. Fingerprints prove a reader left it as it was.
 */
public final class DamagedJournal
{
    /** The decoding settings of {@code run -d 5 -p 0.01}, as the journal records them. */
    public static final String SETTINGS = "model=phenomenological\nrounds=5\np=0.01\ndistance=5\ndecoder=weighted\n" +
        "window=auto\n";
    /** Rounds per block. */
    public static final int ROUNDS_PER_BLOCK = RecordedStream.ROUNDS_PER_BLOCK;

    final RecordedStream stream;
    private final Path directory;
    private final CountersManager countersManager = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));

    /**
     * @param directory the journal's directory.
     * @param blocks    blocks of rounds in the stream.
     */
    public DamagedJournal(final Path directory, final int blocks)
    {
        this.directory = directory;
        this.stream = new RecordedStream(blocks, 77);
    }

    /**
     * A node's first life: journal the first rounds of the stream, then stop without a goodbye.
     *
     * @param frames rounds to hand the node.
     * @param out    where the node's states go.
     */
    public void record(final int frames, final FrameSender out)
    {
        final NodeJournal journal = journal();
        final NodeAgent node = RecordedStream.node(out, DecoderMode.WEIGHTED);
        try (JournalWriter writer = journal.start(node, SETTINGS, line -> { }))
        {
            feed(node, writer, 0, frames);
            writer.drainAll();
        }
    }

    NodeJournal journal()
    {
        return NodeJournal.prepare(new JournalConfig(directory, JournalConfig.Roll.DAILY,
            JournalConfig.RETAIN_BYTES_DEFAULT, 0, 1 << 20, 10), (typeId, label) -> countersManager.newCounter(label,
            typeId), "1");
    }

    void feed(final NodeAgent node, final JournalWriter writer, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final UnsafeBuffer frame = stream.frames.get(i);
            node.onFrame(frame, 0, frame.capacity());
            if ((i & 255) == 0)
            {
                writer.doWork();
            }
        }
    }

    /** @return rounds in the stream. */
    public int rounds()
    {
        return stream.frames.size();
    }

    /** @return the journal's directory. */
    public Path directory()
    {
        return directory;
    }

    /** @return the first cycle file, the one recorded. */
    public Path cycleFile() throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.toString().endsWith(".cq4")).sorted().findFirst().orElseThrow();
        }
    }

    /**
     * @param frame a round's place in the stream.
     * @return offset of its frame in the cycle file.
     */
    public long offsetOfRound(final int frame) throws IOException
    {
        final byte[] pattern = new byte[stream.frames.get(frame).capacity()];
        stream.frames.get(frame).getBytes(0, pattern);
        final byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(cycleFile().toFile(), "r"))
        {
            bytes = new byte[(int)Math.min(8 << 20, file.length())];
            file.readFully(bytes);
        }
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++)
        {
            for (int j = 0; j < pattern.length; j++)
            {
                if (bytes[i + j] != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("round " + frame + " is not in the first 8 MiB of the journal");
    }

    /**
     * Overwrite one byte in the middle of a round's frame.
     *
     * @param frame the round's place in the stream.
     */
    public void flipByteOfRound(final int frame) throws IOException
    {
        final long offset = offsetOfRound(frame) + stream.frames.get(frame).capacity() / 2;
        try (RandomAccessFile file = new RandomAccessFile(cycleFile().toFile(), "rw"))
        {
            file.seek(offset);
            final int value = file.read();
            file.seek(offset);
            file.write(value ^ 0xFF);
        }
    }

    /**
     * Cut the cycle file short in the middle of a round's frame, as a crash of the machine can.
     *
     * @param frame the round's place in the stream.
     */
    public void cutAtRound(final int frame) throws IOException
    {
        final long offset = offsetOfRound(frame) + 5;
        try (RandomAccessFile file = new RandomAccessFile(cycleFile().toFile(), "rw"))
        {
            file.setLength(offset);
        }
    }

    /**
     * @param name a cycle file name, e.g. {@code 29991231F.cq4} (after every real one).
     * @return the file: 100 KiB of random bytes.
     */
    public Path addRandomCycleFile(final String name) throws IOException
    {
        final byte[] noise = new byte[100 * 1024];
        new Random(7).nextBytes(noise);
        return Files.write(directory.resolve(name), noise);
    }

    /** @return every file in the directory, by name, with the SHA-256 of its bytes. */
    public Map<String, String> fingerprint() throws IOException
    {
        final Map<String, String> prints = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.toList())
            {
                prints.put(file.getFileName().toString(), sha256(file));
            }
        }
        return prints;
    }

    /**
     * @param file a file.
     * @return the SHA-256 of its bytes, in hex.
     */
    public static String sha256(final Path file) throws IOException
    {
        try (java.io.InputStream in = Files.newInputStream(file))
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final byte[] chunk = new byte[1 << 16];
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk))
            {
                digest.update(chunk, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
