package io.qecnode.node.platform;

import org.agrona.concurrent.Agent;

/**
 * An agent that moves its thread to one CPU when the thread starts, then runs as the agent it wraps.
 */
public final class PinnedAgent implements Agent
{
    private final Agent agent;
    private final int cpu;

    /**
     * @param agent the agent to run.
     * @param cpu   the CPU its thread runs on.
     */
    public PinnedAgent(final Agent agent, final int cpu)
    {
        this.agent = agent;
        this.cpu = cpu;
    }

    @Override
    public void onStart()
    {
        CpuPinning.pinCurrentThread(cpu);
        agent.onStart();
    }

    @Override
    public int doWork() throws Exception
    {
        return agent.doWork();
    }

    @Override
    public void onClose()
    {
        agent.onClose();
    }

    @Override
    public String roleName()
    {
        return agent.roleName();
    }
}
