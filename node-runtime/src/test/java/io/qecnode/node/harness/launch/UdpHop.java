package io.qecnode.node.harness.launch;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A child for the network namespace test.
 * {@code UdpHop send HOST PORT TEXT}: sends TEXT to HOST:PORT every 100 ms until stopped.
 * {@code UdpHop forward HOST PORT TO_HOST TO_PORT}: binds HOST:PORT, waits for one datagram, sends
 * "TEXT reached HOST" to TO_HOST:TO_PORT, exits 0.
 */
public final class UdpHop
{
    private UdpHop()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final InetSocketAddress address = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        if ("send".equals(args[0]))
        {
            final byte[] text = args[3].getBytes(StandardCharsets.UTF_8);
            try (DatagramSocket socket = new DatagramSocket())
            {
                while (true)
                {
                    socket.send(new DatagramPacket(text, text.length, address));
                    Thread.sleep(100);
                }
            }
        }
        try (DatagramSocket socket = new DatagramSocket(address))
        {
            System.out.println("listening on " + address);
            final DatagramPacket packet = new DatagramPacket(new byte[256], 256);
            socket.receive(packet);
            final byte[] text = (new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8) +
                " reached " + args[1]).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(text, text.length,
                new InetSocketAddress(args[3], Integer.parseInt(args[4]))));
            System.out.println("forwarded from " + packet.getSocketAddress());
        }
    }
}
