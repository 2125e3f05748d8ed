package io.qecnode.node.cli;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.node.harness.PipelineOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The option defaults that are text (picocli needs a constant) select the defaults the code holds as values: the
 * default {@code --decoder} is {@link DecoderMode#DEFAULT}, and a pipeline's default channel is the one
 * {@link OptionDefaults#CHANNEL} names, with the shorthands standing for what they say.
 */
class OptionDefaultsTest
{
    @Test
    void shouldNameTheDefaultGrowth()
    {
        // What a pipeline decodes with when --decoder is not given, not merely what the constant's name converts to.
        final CommandLine commandLine = new CommandLine(new Holder());
        commandLine.parseArgs();
        final Object growth = commandLine.getCommandSpec().findOption("--decoder").getValue();
        assertEquals(DecoderMode.DEFAULT, growth);
        assertEquals(DecoderMode.DEFAULT, new DecoderModeConverter().convert(DecoderModeConverter.DEFAULT_NAME));
    }

    @Test
    void shouldTakeAnAeronUriOrAShorthandForTheChannel()
    {
        assertEquals(OptionDefaults.CHANNEL, pipeline().channel());
        assertEquals("aeron:ipc", pipeline("--channel", "ipc").channel());
        assertEquals(PipelineOptions.UDP_LOCALHOST, pipeline("--channel", "udp").channel());
        assertEquals("aeron:udp?endpoint=localhost:40123",
            pipeline("--channel", "aeron:udp?endpoint=localhost:40123").channel());
    }

    private static PipelineOptions pipeline(final String... args)
    {
        final Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.pipeline;
    }

    @Command(name = "holder")
    static final class Holder
    {
        @Mixin
        PipelineOptions pipeline;
    }
}
