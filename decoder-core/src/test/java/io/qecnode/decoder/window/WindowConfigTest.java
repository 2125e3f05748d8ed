package io.qecnode.decoder.window;

import io.qecnode.decoder.unionfind.DecoderMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowConfigTest
{
    @Test
    void shouldRejectAnEmptyWindow()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new WindowConfig(0, 1, 10, DecoderMode.WEIGHTED));
        assertTrue(error.getMessage().contains("windowRounds=0"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"3, 0", "3, 4", "1, 2"})
    void shouldRejectACommitLengthOutsideTheWindow(final int windowRounds, final int commitRounds)
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> WindowConfig.of(windowRounds, commitRounds));
        assertTrue(error.getMessage().contains("commitRounds=" + commitRounds + ", windowRounds=" + windowRounds),
            error.getMessage());
    }

    @Test
    void shouldRejectANegativeDefectCapAndNoGrowth()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> WindowConfig.of(11, 5).maxDefectsPerWindow(-1));
        assertTrue(error.getMessage().contains("maxDefectsPerWindow=-1"), error.getMessage());
        assertThrows(NullPointerException.class, () -> WindowConfig.of(11, 5).growth(null));
    }

    @Test
    void shouldGrowTheDefaultCapWithTheWindowUntilOneIsSet()
    {
        final WindowConfig config = WindowConfig.of(11, 5);
        assertEquals(DecoderMode.DEFAULT, config.growth());
        assertEquals(WindowConfig.MAX_DEFECTS_PER_WINDOW_DEFAULT, config.defectCap(100));
        assertEquals(1000, config.defectCap(1000 * WindowConfig.DETECTORS_PER_DEFECT_DEFAULT));
        assertEquals(7, config.maxDefectsPerWindow(7).defectCap(1000 * WindowConfig.DETECTORS_PER_DEFECT_DEFAULT));
        assertEquals(config, WindowConfig.of(11, 5));
        assertEquals(config.hashCode(), WindowConfig.of(11, 5).hashCode());
        assertEquals(DecoderMode.UNWEIGHTED, config.growth(DecoderMode.UNWEIGHTED).growth());
    }

    @Test
    void shouldGrowTheDefaultCapWithTheWindowAndKeepAnExplicitCapFixed()
    {
        final WindowConfig config = WindowConfig.of(11, 5);
        assertEquals(128, config.defectCap(660), "d = 11's default window keeps the measured 128");
        assertEquals(975, config.defectCap(7800), "a d = 25 block-long window: one defect in 8 detectors");
        assertEquals(975, config.growth(DecoderMode.UNWEIGHTED).defectCap(7800), "kept through a copy");
        assertEquals(128, config.maxDefectsPerWindow(128).defectCap(7800));
        assertEquals(3, config.maxDefectsPerWindow(3).defectCap(7800));
    }

    @ParameterizedTest
    @CsvSource({
        "12, 12, 12, 1",
        "20, 1, 12, 1",
        "11, 5, 12, 2",
        "9, 3, 12, 2",
        "6, 3, 12, 3",
        "4, 2, 12, 5",
        "3, 1, 12, 10",
        "3, 1, 6, 4",
        "1, 1, 6, 6"})
    void shouldCountWindowsUntilOneReachesTheLastRound(
        final int windowRounds, final int commitRounds, final int roundsPerBlock, final int windows)
    {
        assertEquals(windows, WindowConfig.of(windowRounds, commitRounds).windowsPerBlock(roundsPerBlock));
    }
}
