package io.qecnode.node.topology;

import io.qecnode.decoder.unionfind.DecoderMode;
import io.qecnode.node.pipeline.NodeContext;

import java.nio.file.Path;

/**
 * The code and noise of one link of a chain, as its topology file gives them (the {@link NodeContext} settings of the
 * same names); null where the file leaves the context's default. Both patches of the link use it.
 *
 * @param model    built-in noise model, or null.
 * @param dem      Stim DEM (absolute, resolved against the topology file's directory), or null; wins over a model.
 * @param distance code distance, or null.
 * @param rounds   noisy rounds per block, or null.
 * @param p        the built-in model's error probability, or null.
 * @param growth   cluster growth, or null.
 * @param window   decode window, or null.
 */
public record LinkCode(
    String model, Path dem, Integer distance, Integer rounds, Double p, DecoderMode growth, String window)
{
    /**
     * Set this link's code settings on a node's context; everything else in it is left as it was.
     *
     * @param context receives the settings.
     * @return the context.
     */
    public NodeContext applyTo(final NodeContext context)
    {
        context.model(model).dem(dem);
        if (distance != null)
        {
            context.distance(distance);
        }
        if (rounds != null)
        {
            context.rounds(rounds);
        }
        if (p != null)
        {
            context.p(p);
        }
        if (growth != null)
        {
            context.growth(growth);
        }
        if (window != null)
        {
            context.window(window);
        }
        return context;
    }
}
