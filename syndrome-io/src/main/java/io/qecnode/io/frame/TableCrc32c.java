package io.qecnode.io.frame;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * CRC32C in plain Java, the table version {@link Crc32c} used before it moved to the JDK's intrinsic: same values,
 * same chaining, about three times slower. Kept as the independent reference the tests and the JMH benchmark compare
 * the intrinsic against; firmware calls {@link Crc32c}.
 * <p>
 * Eight bytes are folded per step through eight 256-entry tables (slicing-by-8); the tail goes a byte at a time.
 */
public final class TableCrc32c
{
    private static final int POLYNOMIAL_REFLECTED = 0x82F63B78;
    private static final int TABLE_SIZE = 256;
    private static final int SLICES = 8;

    /**
     * Table {@code k} (entries {@code k * 256 .. k * 256 + 255}) gives the CRC contribution of a byte followed by
     * {@code k} zero bytes.
     */
    private static final int[] TABLES = buildTables();

    private TableCrc32c()
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
     * @param length of the range in bytes.
     * @return the CRC32C of everything before and this range.
     */
    public static int update(final int crc, final DirectBuffer buffer, final int offset, final int length)
    {
        final int[] tables = TABLES;
        final int end = offset + length;
        int state = ~crc;
        int index = offset;

        while (end - index >= SLICES)
        {
            final long word = buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
            final int low = (int)word ^ state;
            final int high = (int)(word >>> 32);
            state = tables[7 * TABLE_SIZE + (low & 0xFF)] ^
                tables[6 * TABLE_SIZE + ((low >>> 8) & 0xFF)] ^
                tables[5 * TABLE_SIZE + ((low >>> 16) & 0xFF)] ^
                tables[4 * TABLE_SIZE + (low >>> 24)] ^
                tables[3 * TABLE_SIZE + (high & 0xFF)] ^
                tables[2 * TABLE_SIZE + ((high >>> 8) & 0xFF)] ^
                tables[TABLE_SIZE + ((high >>> 16) & 0xFF)] ^
                tables[high >>> 24];
            index += SLICES;
        }

        while (index < end)
        {
            state = tables[(state ^ buffer.getByte(index)) & 0xFF] ^ (state >>> 8);
            index++;
        }

        return ~state;
    }

    private static int[] buildTables()
    {
        final int[] tables = new int[SLICES * TABLE_SIZE];
        for (int n = 0; n < TABLE_SIZE; n++)
        {
            int value = n;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >>> 1) ^ POLYNOMIAL_REFLECTED : value >>> 1;
            }
            tables[n] = value;
        }

        for (int slice = 1; slice < SLICES; slice++)
        {
            for (int n = 0; n < TABLE_SIZE; n++)
            {
                final int previous = tables[(slice - 1) * TABLE_SIZE + n];
                tables[slice * TABLE_SIZE + n] = (previous >>> 8) ^ tables[previous & 0xFF];
            }
        }

        return tables;
    }
}
