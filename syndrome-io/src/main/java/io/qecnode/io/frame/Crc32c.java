package io.qecnode.io.frame;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static org.agrona.BitUtil.SIZE_OF_INT;

/**
 * CRC32C (Castagnoli, reflected polynomial {@code 0x82F63B78}) over a range of a {@link DirectBuffer}, without
 * allocation and without a lock, through the JDK's {@link CRC32C}, which HotSpot compiles to the CPU's CRC32
 * instructions.
 * <p>
 * The value passed in and returned is the finished CRC, as in zlib's {@code crc32(crc, buf, len)}: start from 0 and
 * feed the ranges in order, so {@code update(update(0, a), b)} is the CRC of {@code a} followed by {@code b}. That is
 * what lets a frame's checksum skip the bytes of its own field.
 * <p>
 * {@link CRC32C} can only start from its reset state, which is the state of a CRC of nothing ({@code crc} = 0). To
 * continue from another CRC, the difference between the two states is folded into the data instead: a reflected CRC
 * XORs its state into the next four bytes it reads, so reading {@code b} from state {@code ~crc} gives the same as
 * reading from the reset state {@code b} with byte {@code i < 4} XORed with byte {@code i} of {@code crc}. A range
 * shorter than four bytes leaves the unread part of that difference, {@code crc >>> 8·length}, in the state.
 * <p>
 * Each thread has its own {@link CRC32C}, scratch array and direct {@link ByteBuffer} flyweight (a
 * {@link ThreadLocal}, allocated on a thread's first call). Ranges of a {@code byte[]}-backed buffer are read in
 * place. The JDK reaches native memory (direct buffers, Aeron's term buffers) only through a direct
 * {@link ByteBuffer}, whose position it moves: the thread's own flyweight is pointed at the range (its address,
 * capacity and limit set as Agrona's buffers set theirs), so the caller's buffer is never touched and nothing is
 * copied. Buffers with neither an array nor an address are copied into the scratch array in chunks.
 */
public final class Crc32c
{
    /** Bytes copied out of a buffer without a backing array per intrinsic call. */
    static final int SCRATCH_LENGTH = 1024;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final long CAPACITY_OFFSET = UnsafeApi.objectFieldOffset(Buffer.class, "capacity");
    private static final long LIMIT_OFFSET = UnsafeApi.objectFieldOffset(Buffer.class, "limit");
    private static final long POSITION_OFFSET = UnsafeApi.objectFieldOffset(Buffer.class, "position");

    private Crc32c()
    {
    }

    /**
     * CRC32C of a range.
     *
     * @param buffer containing the bytes.
     * @param offset at which the range begins.
     * @param length of the range in bytes.
     * @return the CRC32C of the range.
     */
    public static int compute(final DirectBuffer buffer, final int offset, final int length)
    {
        return update(0, buffer, offset, length);
    }

    /**
     * Continue a CRC32C over the next range.
     *
     * @param crc    the CRC32C of everything before this range, 0 for none.
     * @param buffer containing the bytes.
     * @param offset at which the range begins.
     * @param length of the range in bytes; none (0 or less) leaves {@code crc} as it is.
     * @return the CRC32C of everything before and this range.
     */
    public static int update(final int crc, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            return crc;
        }

        final Scratch scratch = SCRATCH.get();
        final byte[] array = buffer.byteArray();
        if (null != array)
        {
            buffer.boundsCheck(offset, length);
            return scratch.updateInPlace(crc, array, buffer.wrapAdjustment() + offset, length);
        }

        final ByteBuffer byteBuffer = buffer.byteBuffer();
        if (null == byteBuffer || byteBuffer.isDirect())
        {
            buffer.boundsCheck(offset, length);
            return scratch.updateNative(crc, buffer.addressOffset() + offset, length);
        }

        return scratch.updateCopied(crc, buffer, offset, length);
    }

    private static final class Scratch
    {
        private final CRC32C checksum = new CRC32C();
        private final byte[] bytes = new byte[SCRATCH_LENGTH];
        // Never read through its own memory: pointed at each native range in turn. Its allocation stays its own, so
        // what the cleaner frees is what allocateDirect gave.
        private final ByteBuffer flyweight = ByteBuffer.allocateDirect(1);

        int updateNative(final int crc, final long address, final int length)
        {
            final CRC32C checksum = this.checksum;
            checksum.reset();
            final int seeded = 0 == crc ? 0 : Math.min(SIZE_OF_INT, length);
            for (int i = 0; i < seeded; i++)
            {
                checksum.update(UnsafeApi.getByte(address + i) ^ (crc >>> (i * Byte.SIZE)));
            }
            if (length > seeded)
            {
                final ByteBuffer flyweight = this.flyweight;
                final int remaining = length - seeded;
                UnsafeApi.putLong(flyweight, BufferUtil.BYTE_BUFFER_ADDRESS_FIELD_OFFSET, address + seeded);
                UnsafeApi.putInt(flyweight, CAPACITY_OFFSET, remaining);
                UnsafeApi.putInt(flyweight, LIMIT_OFFSET, remaining);
                UnsafeApi.putInt(flyweight, POSITION_OFFSET, 0);
                checksum.update(flyweight);
            }

            return finish(crc, length);
        }

        int updateInPlace(final int crc, final byte[] array, final int index, final int length)
        {
            final CRC32C checksum = this.checksum;
            checksum.reset();
            final int seeded = 0 == crc ? 0 : Math.min(SIZE_OF_INT, length);
            for (int i = 0; i < seeded; i++)
            {
                checksum.update(array[index + i] ^ (crc >>> (i * Byte.SIZE)));
            }
            checksum.update(array, index + seeded, length - seeded);

            return finish(crc, length);
        }

        int updateCopied(final int crc, final DirectBuffer buffer, final int offset, final int length)
        {
            final CRC32C checksum = this.checksum;
            final byte[] bytes = this.bytes;
            checksum.reset();
            int done = 0;
            while (done < length)
            {
                final int chunk = Math.min(SCRATCH_LENGTH, length - done);
                buffer.getBytes(offset + done, bytes, 0, chunk);
                if (0 == done)
                {
                    for (int i = 0, seeded = Math.min(SIZE_OF_INT, chunk); i < seeded; i++)
                    {
                        bytes[i] ^= (byte)(crc >>> (i * Byte.SIZE));
                    }
                }
                checksum.update(bytes, 0, chunk);
                done += chunk;
            }

            return finish(crc, length);
        }

        private int finish(final int crc, final int length)
        {
            final int unread = length < SIZE_OF_INT ? crc >>> (length * Byte.SIZE) : 0;
            return (int)checksum.getValue() ^ unread;
        }
    }
}
