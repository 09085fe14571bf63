package io.jawait.benchmarks.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The Netty peer: NIO transport, one group of {@code loops} event loops that accepts (on one of
 * them) and serves every connection, as {@code ServerBootstrap.group(group)} sets it up.
 */
final class NettyEchoServer implements EchoServer {
    private final EventLoopGroup group;
    private final Channel channel;

    @ChannelHandler.Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final int work;

        Echo(int work) {
            this.work = work;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            RequestWork.spend(work);
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    NettyEchoServer(int loops, int work) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Echo(work))
                .bind("127.0.0.1", 0).sync().channel();
    }

    @Override
    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
