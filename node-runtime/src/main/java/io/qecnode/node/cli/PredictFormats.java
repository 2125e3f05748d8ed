package io.qecnode.node.cli;

import io.qecnode.decoder.shots.ShotFormat;
import picocli.CommandLine.Option;

/**
 * The formats of {@code pymatching predict}, with its defaults, for {@code predict} and {@code decode}: detection
 * events in b8, predictions in 01. ({@code count_mistakes} reads 01 by default, as pymatching's does.)
 */
public final class PredictFormats
{
    @Option(names = {"--in_format", "--in-format"}, paramLabel = "FORMAT", defaultValue = "b8",
        converter = ShotFormatConverter.class,
        description = "Format of --in: 01, b8, dets, r8, hits or ptb64. Default: ${DEFAULT-VALUE} (as pymatching " +
            "predict).")
    private ShotFormat shotsInFormat;

    @Option(names = {"--out_format", "--out-format"}, paramLabel = "FORMAT", defaultValue = "01",
        converter = ShotFormatConverter.class,
        description = "Format of --out: 01, b8, dets, r8, hits or ptb64. Default: ${DEFAULT-VALUE} (as pymatching " +
            "predict).")
    private ShotFormat predictionsFormat;

    /** @return the format of the detection events. */
    public ShotFormat shotsInFormat()
    {
        return shotsInFormat;
    }

    /** @return the format of the predictions. */
    public ShotFormat predictionsFormat()
    {
        return predictionsFormat;
    }
}
