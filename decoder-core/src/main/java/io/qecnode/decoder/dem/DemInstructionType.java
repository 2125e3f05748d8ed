package io.qecnode.decoder.dem;

/**
 * The instructions of Stim's detector error model format; {@link #REPEAT} is the only one that opens a block.
 */
enum DemInstructionType
{
    ERROR("error"),
    DETECTOR("detector"),
    LOGICAL_OBSERVABLE("logical_observable"),
    SHIFT_DETECTORS("shift_detectors"),
    REPEAT("repeat");

    private static final DemInstructionType[] VALUES = values();

    private final String demName;

    DemInstructionType(final String demName)
    {
        this.demName = demName;
    }

    /** @return the name as Stim writes it (lower case). */
    String demName()
    {
        return demName;
    }

    /**
     * @param line  text holding a name; instruction names are case-insensitive.
     * @param start index of the name's first character.
     * @param end   index one past the name's last character.
     * @return the instruction type, or null when the name is not a DEM instruction.
     */
    static DemInstructionType fromName(final String line, final int start, final int end)
    {
        for (final DemInstructionType type : VALUES)
        {
            final int nameLength = type.demName.length();
            if (end - start == nameLength && line.regionMatches(true, start, type.demName, 0, nameLength))
            {
                return type;
            }
        }
        return null;
    }
}
