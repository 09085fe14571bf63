package io.jawait.benchmarks.echo;

import io.jawait.benchmarks.peers.VirtualThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The thread-per-connection peer: blocking sockets, one virtual thread per connection (JDK 21+). */
final class VirtualThreadEchoServer implements EchoServer {
    private final ServerSocket server;

    VirtualThreadEchoServer() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        VirtualThreads.start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                VirtualThreads.start(() -> echo(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
