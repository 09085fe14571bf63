package io.jawait.net;

import io.jawait.Task;
import io.jawait.internal.LoopCore;
import io.jawait.internal.Promise;
import io.jawait.internal.io.BlockingIo;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.regex.Pattern;

/**
 * {@link TcpStream#connect}: an optional name lookup off the loop, then a non-blocking connect
 * finished when the selector reports the socket connectable. Cancelling it (a timeout) closes the
 * socket.
 */
final class Connect extends Promise<TcpStream> implements Runnable {
    /** Names that need no lookup: IPv4 and IPv6 literals. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private final String host;
    private final int port;
    private InetSocketAddress address;
    private Task<InetAddress> lookup;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean abandoned;

    private Connect(String host, int port) {
        this.host = host;
        this.port = port;
    }

    static Task<TcpStream> start(String host, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Connect connect = new Connect(host, port);
        if (LITERAL.matcher(host).matches() || host.equalsIgnoreCase("localhost")) {
            connect.open(new InetSocketAddress(host, port));
        } else {
            connect.lookUp();
        }
        return connect;
    }

    static Task<TcpStream> start(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return start(address.getHostString(), address.getPort());
        }
        Connect connect = new Connect(address.getHostString(), address.getPort());
        connect.open(address);
        return connect;
    }

    private void lookUp() {
        lookup = BlockingIo.call(() -> InetAddress.getByName(host));
        lookup.onComplete((resolved, error) -> {
            if (isDone() || abandoned) {
                return;
            }
            if (error != null) {
                fail(error);
            } else {
                open(new InetSocketAddress(resolved, port));
            }
        });
    }

    private void open(InetSocketAddress target) {
        address = target;
        try {
            channel = SocketChannel.open();
            TcpStream.configure(channel);
            if (channel.connect(target)) {
                key = LoopCore.require().register(channel, 0, this);
                complete(TcpStream.adopt(channel, key));
            } else {
                key = LoopCore.require().register(channel, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException | RuntimeException e) {
            closeChannel();
            fail(connectError(e));
        }
    }

    /** The selector reported the socket connectable (or failed). */
    @Override
    public void run() {
        if (isDone() || !key.isValid()) {
            return;
        }
        try {
            if (channel.finishConnect()) {
                complete(TcpStream.adopt(channel, key));
            }
        } catch (IOException | RuntimeException e) {
            closeChannel();
            fail(connectError(e));
        }
    }

    private Throwable connectError(Exception e) {
        String message = "cannot connect to " + host + ":" + port
                + (address != null && !address.getHostString().equals(host) ? " (" + address.getAddress() + ")" : "")
                + ": " + e.getMessage();
        Throwable error = e instanceof ConnectException ? new ConnectException(message) : new IOException(message);
        error.initCause(e);
        return error;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was connected
            }
        }
    }

    @Override
    protected boolean onCancel() {
        abandoned = true;
        if (lookup != null) {
            lookup.cancel();
        }
        closeChannel();
        return super.onCancel();
    }

    @Override
    public String taskName() {
        return "connect " + host + ":" + port;
    }
}
