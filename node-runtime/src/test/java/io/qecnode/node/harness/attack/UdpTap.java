package io.qecnode.node.harness.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An on-path observer of one chain link: a UDP relay that listens where the node's neighbours send (its advertised
 * {@code node.<i>.port}) and forwards every datagram to where the node receives ({@code node.<i>.bind-port}), and
 * every datagram the node sends back (Aeron status messages, NAKs) to the sender it answers. It keeps a copy of every
 * Aeron message it forwards towards the node, by stream id (see {@link MessageCapture}).
 * <p>
 * Each sender gets its own socket towards the node, so the node's replies, which go to where the data came from,
 * reach the right sender even when several publish to the same endpoint (a left neighbour's states and Hellos, a
 * right neighbour's Hellos). One thread relays both ways through a selector, draining each ready socket.
 */
public final class UdpTap implements AutoCloseable
{
    private static final int MAX_DATAGRAM = 65_536;
    private static final int DRAIN_LIMIT = 256;
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;

    private final InetSocketAddress target;
    private final MessageCapture capture;
    private final Selector selector;
    private final DatagramChannel front;
    private final Map<SocketAddress, DatagramChannel> backBySender = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final AtomicLong towardsNode = new AtomicLong();
    private final AtomicLong towardsSenders = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IOException failure;

    private UdpTap(final InetSocketAddress listen, final InetSocketAddress target, final int keep) throws IOException
    {
        this.target = target;
        this.capture = new MessageCapture(keep);
        this.selector = Selector.open();
        try
        {
            this.front = open().bind(listen);
            front.register(selector, SelectionKey.OP_READ, null);
        }
        catch (final IOException ex)
        {
            selector.close();
            throw ex;
        }
        this.thread = new Thread(this::relay, "udp-tap-" + listen.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param listen where the neighbours send: the node's advertised endpoint.
     * @param target where the node receives: its bind endpoint.
     * @param keep   messages kept per stream, the newest.
     * @return a running tap.
     * @throws UncheckedIOException if the listening port cannot be bound.
     */
    public static UdpTap start(final InetSocketAddress listen, final InetSocketAddress target, final int keep)
    {
        try
        {
            return new UdpTap(listen, target, keep);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on " + listen, ex);
        }
    }

    /**
     * @param streamId an Aeron stream id.
     * @return the last messages of it that passed towards the node, oldest first.
     */
    public List<MessageCapture.Captured> captured(final int streamId)
    {
        return capture.captured(streamId);
    }

    /**
     * @param streamId an Aeron stream id.
     * @return messages of it that passed towards the node since the start, kept or not.
     */
    public long capturedCount(final int streamId)
    {
        return capture.count(streamId);
    }

    /** @return datagrams forwarded from the senders to the node. */
    public long datagramsTowardsNode()
    {
        return towardsNode.get();
    }

    /** @return datagrams forwarded from the node back to its senders. */
    public long datagramsTowardsSenders()
    {
        return towardsSenders.get();
    }

    /** @return datagrams the tap could not forward at once (a full socket buffer) and dropped, either way. */
    public long datagramsDropped()
    {
        return dropped.get();
    }

    /**
     * Stop relaying and close every socket.
     *
     * @throws UncheckedIOException if the relay had stopped on a socket failure.
     */
    @Override
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (failure != null)
        {
            throw new UncheckedIOException("the tap stopped relaying", failure);
        }
    }

    private void relay()
    {
        try (selector; front)
        {
            while (running)
            {
                selector.select(100);
                for (final SelectionKey key : selector.selectedKeys())
                {
                    final SocketAddress sender = (SocketAddress)key.attachment();
                    if (sender == null)
                    {
                        fromSenders();
                    }
                    else
                    {
                        fromNode((DatagramChannel)key.channel(), sender);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
        finally
        {
            for (final DatagramChannel back : backBySender.values())
            {
                try
                {
                    back.close();
                }
                catch (final IOException ignore)
                {
                    // Closing: nothing left to relay.
                }
            }
        }
    }

    private void fromSenders() throws IOException
    {
        for (int i = 0; i < DRAIN_LIMIT; i++)
        {
            buffer.clear();
            final SocketAddress sender = front.receive(buffer);
            if (sender == null)
            {
                return;
            }
            buffer.flip();
            capture.onDatagram(buffer);
            count(backFor(sender).send(buffer, target), towardsNode);
        }
    }

    private void fromNode(final DatagramChannel back, final SocketAddress sender) throws IOException
    {
        for (int i = 0; i < DRAIN_LIMIT; i++)
        {
            buffer.clear();
            if (back.receive(buffer) == null)
            {
                return;
            }
            buffer.flip();
            count(front.send(buffer, sender), towardsSenders);
        }
    }

    private void count(final int sent, final AtomicLong forwarded)
    {
        (sent == 0 ? dropped : forwarded).incrementAndGet();
    }

    private DatagramChannel backFor(final SocketAddress sender) throws IOException
    {
        DatagramChannel back = backBySender.get(sender);
        if (back == null)
        {
            back = open().bind(new InetSocketAddress(target.getAddress(), 0));
            back.register(selector, SelectionKey.OP_READ, sender);
            backBySender.put(sender, back);
        }
        return back;
    }

    private static DatagramChannel open() throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
        return channel;
    }
}
