package io.qecnode.sim.source;

import io.qecnode.decoder.code.CodeDescription;
import io.qecnode.decoder.dem.DetectorErrorModel;
import io.qecnode.decoder.graph.DecodingGraph;
import io.qecnode.decoder.model.ErrorMechanisms;
import io.qecnode.decoder.model.ErrorSampler;
import io.qecnode.decoder.model.SampledShot;
import io.qecnode.decoder.model.SurfaceCodeModel;
import io.qecnode.decoder.rounds.RoundStructure;

/**
 * The simulated hardware's syndrome stream: samples one shot of a noise model per logical block and hands the block
 * out round by round, in time order, each round's detector bits packed as {@link RoundSink} describes, followed by the
 * block's true observable flips.
 * <p>
 * A block is sampled when its first round is pulled; the rounds are then cut from that one shot, so their union is
 * exactly the shot's defect set. Blocks inside the {@link #burst(long, int) burst schedule} are drawn from the same
 * mechanisms with every probability multiplied by the burst factor (capped at {@link #BURST_PROBABILITY_CAP}), like a
 * cosmic-ray event; that second sampler is built once, here. Deterministic for a seed and a burst schedule.
 * <p>
 * <b>Note:</b> not thread safe: one thread pulls. Pulling allocates nothing.
 */
public final class SyndromeSource
{
    /** A burst factor for callers with no better figure: ten times the usual error rates. */
    public static final double BURST_FACTOR_DEFAULT = 10.0;

    /** Largest probability a burst raises a mechanism to; beyond it errors stop being a signal at all. */
    public static final double BURST_PROBABILITY_CAP = 0.5;

    // Keeps the burst stream apart from the usual one; any fixed non-zero constant would do.
    private static final long BURST_SEED_MIX = 0x9E3779B97F4A7C15L;

    private final ErrorMechanisms mechanisms;
    private final ErrorMechanisms burstMechanisms;
    private final RoundStructure rounds;
    private final double burstFactor;
    private final ErrorSampler sampler;
    private final ErrorSampler burstSampler;
    private final SampledShot shot;
    private final int roundCount;
    private final int[] detectorsInRound;
    private final PackedBlock packedBlock;

    private long blockIndex;
    private int nextRound;
    private boolean blockInBurst;
    private long burstFirstBlock;
    private long burstEndBlock;
    private long blocksSampled;
    private long burstBlocksSampled;
    private long roundsEmitted;

    /**
     * @param mechanisms  the noise model.
     * @param rounds      how its detectors split into rounds; must cover exactly the model's detectors.
     * @param seed        seed of the random streams.
     * @param burstFactor multiplies every probability in burst blocks; finite and {@code >= 1}.
     */
    public SyndromeSource(
        final ErrorMechanisms mechanisms, final RoundStructure rounds, final long seed, final double burstFactor)
    {
        if (rounds.detectorCount() != mechanisms.detectorCount() || rounds.roundCount() < 1)
        {
            throw new IllegalArgumentException("rounds must cover the model's detectors: roundDetectors=" +
                rounds.detectorCount() + ", modelDetectors=" + mechanisms.detectorCount() + ", rounds=" +
                rounds.roundCount());
        }
        if (!(burstFactor >= 1.0 && burstFactor < Double.POSITIVE_INFINITY))
        {
            throw new IllegalArgumentException("burstFactor must be finite and >= 1: burstFactor=" + burstFactor);
        }
        this.mechanisms = mechanisms;
        this.burstMechanisms = mechanisms.scaled(burstFactor, BURST_PROBABILITY_CAP);
        this.rounds = rounds;
        this.burstFactor = burstFactor;
        this.sampler = new ErrorSampler(mechanisms, seed);
        this.burstSampler = new ErrorSampler(burstMechanisms, seed ^ BURST_SEED_MIX);
        this.shot = new SampledShot(mechanisms);

        this.roundCount = rounds.roundCount();
        this.detectorsInRound = new int[roundCount];
        for (int round = 0; round < roundCount; round++)
        {
            detectorsInRound[round] = rounds.detectorCount(round);
        }
        this.packedBlock = new PackedBlock(rounds);
    }

    /**
     * @param model       a built-in surface code model; its edges are independent, so each is one mechanism.
     * @param seed        seed of the random streams.
     * @param burstFactor multiplies every probability in burst blocks.
     * @return a source with one round per detector layer.
     */
    public static SyndromeSource forModel(final SurfaceCodeModel model, final long seed, final double burstFactor)
    {
        return new SyndromeSource(ErrorMechanisms.of(model.graph()), RoundStructure.of(model), seed, burstFactor);
    }

    /**
     * @param graph       a decoding graph read as a noise model, one independent mechanism per edge.
     * @param rounds      how its detectors split into rounds.
     * @param seed        seed of the random streams.
     * @param burstFactor multiplies every probability in burst blocks.
     * @return the source.
     */
    public static SyndromeSource forGraph(
        final DecodingGraph graph, final RoundStructure rounds, final long seed, final double burstFactor)
    {
        return new SyndromeSource(ErrorMechanisms.of(graph), rounds, seed, burstFactor);
    }

    /**
     * @param model       a Stim model; each error instruction fires as a whole, as in Stim's {@code sample_dem}.
     * @param seed        seed of the random streams.
     * @param burstFactor multiplies every probability in burst blocks.
     * @return a source with one round per detector time coordinate, see {@link RoundStructure#of(DetectorErrorModel)}.
     */
    public static SyndromeSource forDem(final DetectorErrorModel model, final long seed, final double burstFactor)
    {
        return new SyndromeSource(model.errorMechanisms(), RoundStructure.of(model), seed, burstFactor);
    }

    /**
     * @param code        the code and its noise, built-in or a DEM.
     * @param seed        seed of the random streams.
     * @param burstFactor multiplies every probability in burst blocks.
     * @return a source of the code's rounds.
     */
    public static SyndromeSource forCode(final CodeDescription code, final long seed, final double burstFactor)
    {
        return code.model() != null ? forModel(code.model(), seed, burstFactor) :
            forDem(code.dem(), seed, burstFactor);
    }

    /**
     * Emit the next round, sampling a new block first when the previous one has ended.
     *
     * @param sink receives the round and, after a block's last round, its ground truth.
     * @return true when this round ended its block.
     */
    public boolean nextRound(final RoundSink sink)
    {
        if (nextRound == 0)
        {
            sampleBlock();
        }
        final int round = nextRound;
        final long block = blockIndex;
        final long[] detectorWords = packedBlock.cut(round);

        final boolean endOfBlock = round == roundCount - 1;
        if (endOfBlock)
        {
            nextRound = 0;
            blockIndex = block + 1;
        }
        else
        {
            nextRound = round + 1;
        }
        roundsEmitted++;

        sink.onRound(block, round, endOfBlock, detectorWords, detectorsInRound[round]);
        if (endOfBlock)
        {
            sink.onBlockEnd(block, shot.observableFlips());
        }
        return endOfBlock;
    }

    /**
     * Emit rounds until a block ends: a whole block when called between blocks, else the rest of the current one.
     *
     * @param sink receives the rounds and the block's ground truth.
     * @return number of rounds emitted.
     */
    public int emitBlock(final RoundSink sink)
    {
        int emitted = 1;
        while (!nextRound(sink))
        {
            emitted++;
        }
        return emitted;
    }

    /**
     * Schedule a burst, replacing any earlier schedule. A block already being emitted keeps the mode it was sampled in.
     *
     * @param firstBlock index of the first block in burst mode, {@code >= 0}.
     * @param blockCount number of consecutive blocks in burst mode, {@code >= 0}; 0 cancels the schedule.
     */
    public void burst(final long firstBlock, final int blockCount)
    {
        if (firstBlock < 0 || blockCount < 0)
        {
            throw new IllegalArgumentException("firstBlock and blockCount must be >= 0: firstBlock=" + firstBlock +
                ", blockCount=" + blockCount);
        }
        burstFirstBlock = firstBlock;
        burstEndBlock = firstBlock > Long.MAX_VALUE - blockCount ? Long.MAX_VALUE : firstBlock + blockCount;
    }

    /**
     * Put the next blocks not yet sampled into burst mode, e.g. when a fault is injected at run time.
     *
     * @param blockCount number of blocks, {@code >= 0}; 0 cancels the schedule.
     */
    public void burstNext(final int blockCount)
    {
        burst(nextRound == 0 ? blockIndex : blockIndex + 1, blockCount);
    }

    /**
     * @param block a block index.
     * @return true when the schedule puts the block in burst mode.
     */
    public boolean isBurstBlock(final long block)
    {
        return block >= burstFirstBlock && block < burstEndBlock;
    }

    /** @return index of the block the next round belongs to. */
    public long blockIndex()
    {
        return blockIndex;
    }

    /** @return index of the next round within its block; 0 means the block is not sampled yet. */
    public int roundIndex()
    {
        return nextRound;
    }

    /**
     * @return the shot of the block sampled last: its fired mechanisms, defects and true observable flips. Read only;
     * valid until the next block is sampled.
     */
    public SampledShot currentShot()
    {
        return shot;
    }

    /** @return true when the block sampled last was drawn in burst mode. */
    public boolean currentBlockInBurst()
    {
        return blockInBurst;
    }

    /** @return number of blocks sampled so far. */
    public long blocksSampled()
    {
        return blocksSampled;
    }

    /** @return number of blocks sampled in burst mode so far. */
    public long burstBlocksSampled()
    {
        return burstBlocksSampled;
    }

    /** @return number of rounds emitted so far. */
    public long roundsEmitted()
    {
        return roundsEmitted;
    }

    /** @return the noise model of ordinary blocks. */
    public ErrorMechanisms mechanisms()
    {
        return mechanisms;
    }

    /** @return the noise model of burst blocks: every probability times the burst factor, capped. */
    public ErrorMechanisms burstMechanisms()
    {
        return burstMechanisms;
    }

    /** @return how the detectors split into rounds. */
    public RoundStructure rounds()
    {
        return rounds;
    }

    /** @return the factor burst blocks multiply every probability by. */
    public double burstFactor()
    {
        return burstFactor;
    }

    public String toString()
    {
        return "SyndromeSource{" + mechanisms + ", " + rounds + ", burstFactor=" + burstFactor + ", block=" +
            blockIndex + ", round=" + nextRound + "}";
    }

    private void sampleBlock()
    {
        final boolean burst = isBurstBlock(blockIndex);
        (burst ? burstSampler : sampler).sample(shot);
        blockInBurst = burst;
        blocksSampled++;
        if (burst)
        {
            burstBlocksSampled++;
        }
        packedBlock.load(shot.defects(), shot.defectCount());
    }
}
