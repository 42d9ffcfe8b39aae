package io.trackeep.dashboard.local.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection of the {@link ApiServer}: its Netty handlers and its state, which only
 * the connection's I/O thread touches (no locks). Requests on one connection are answered one
 * after the other, in order (pipelined ones wait, and reading pauses meanwhile).
 *
 * <p>Timers, so that no client holds the server: from its first byte, a request has
 * {@link ApiServer#REQUEST_TIMEOUT} to arrive whole (a slowloris client gets 408 and is cut off);
 * between requests, a connection may stay idle {@link ApiServer#IDLE_TIMEOUT}. A request that
 * needs Redis is answered by its deadline (Redis's command timeout after it arrived) with
 * whatever is ready: its handler's answer, or its route's late answer (503).
 */
final class HttpConnection {

    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final int MAX_REQUEST_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final ApiResponse SHUTTING_DOWN = ApiResponse.error(503, "Service unavailable",
            "The local instance is shutting down").withHeader("Connection", "close");
    private static final ApiResponse TRUNCATED = ApiResponse.error(400, "Bad request",
            "The request ended before it was complete (a body shorter than its Content-Length?)");
    private static final ApiResponse OVERLOADED = ApiResponse.error(503, "Service unavailable",
            "The local instance has too many requests waiting for Redis; try again shortly").withHeader("Retry-After", "1");

    /** What all connections of one server share. */
    static final class Shared {
        private final ApiPipeline pipeline;
        private final ThreadPoolExecutor workers;
        private final Duration deadline;
        private final AtomicInteger connections;
        private final ChannelGroup open;
        private final AtomicInteger inProgress = new AtomicInteger();
        private final AtomicBoolean closing = new AtomicBoolean();

        Shared(ApiPipeline pipeline, ThreadPoolExecutor workers, Duration deadline, AtomicInteger connections, ChannelGroup open) {
            this.pipeline = pipeline;
            this.workers = workers;
            this.deadline = deadline;
            this.connections = connections;
            this.open = open;
        }

        /** True the first time: from now on requests are answered 503. */
        boolean startClosing() {
            return closing.compareAndSet(false, true);
        }

        /** Requests taken and not answered yet. */
        int inProgress() {
            return inProgress.get();
        }
    }

    private final Shared shared;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean receiving;   // bytes of a request arrived since the last whole one
    private boolean busy;        // a request is being answered
    private boolean inputClosed; // the client shut down its side
    private ScheduledFuture<?> requestTimer;
    private ScheduledFuture<?> idleTimer;

    private HttpConnection(Shared shared) {
        this.shared = shared;
    }

    /** Sets up a new connection's handlers. */
    static void install(Channel channel, Shared shared) {
        HttpConnection c = new HttpConnection(shared);
        channel.pipeline()
                .addLast("guard", c.new Guard())
                .addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS)))
                .addLast("body", c.new BodyLimit())
                .addLast("api", c.new Requests());
    }

    /** First in the pipeline: counts connections, starts a request's timer at its first byte, and sees the client's half-close. */
    private final class Guard extends ChannelInboundHandlerAdapter {
        private boolean counted;

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            counted = true;
            if (shared.connections.incrementAndGet() > ApiServer.MAX_CONNECTIONS) {
                log.debug("Refusing a connection: {} are open already", ApiServer.MAX_CONNECTIONS);
                ctx.close();
                return;
            }
            shared.open.add(ctx.channel());
            startIdle(ctx);
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (counted) {
                shared.connections.decrementAndGet();
                counted = false;
            }
            cancel(requestTimer);
            cancel(idleTimer);
            waiting.forEach(FullHttpRequest::release);
            waiting.clear();
            super.channelInactive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!receiving) {
                receiving = true;
                cancel(idleTimer);
                startRequestTimer(ctx);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ChannelInputShutdownEvent) {
                inputClosed = true;
                super.userEventTriggered(ctx, evt); // the decoder hands on a last request it has whole
                if (receiving && !busy) {
                    // the client stopped sending in the middle of a request (a body shorter than declared):
                    // it can still read why it failed
                    log.debug("Truncated request from {}", ctx.channel().remoteAddress());
                    cancel(requestTimer);
                    busy = true;
                    reply(ctx, TRUNCATED, false, false);
                } else if (!busy && waiting.isEmpty()) {
                    ctx.close();
                }
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** The body, whole, at most 1 MiB; a longer one is refused with the API's JSON 413, unread when its length is declared. */
    private final class BodyLimit extends HttpObjectAggregator {
        BodyLimit() {
            super(ApiRequest.MAX_BODY_BYTES);
        }

        /**
         * No "100 Continue" for a declared body over the limit: Netty would answer that one with
         * its own bare 413 (no body) and never call {@link #handleOversizedMessage}; without a
         * continue response the aggregator goes on to it, and the client gets the API's JSON 413.
         */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            return HttpUtil.getContentLength(start, -1L) > maxContentLength ? null
                    : super.newContinueResponse(start, maxContentLength, pipeline);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            requestArrived();
            busy = true;
            reply(ctx, ApiException.payloadTooLarge(ApiRequest.MAX_BODY_BYTES).toResponse(), false, false);
        }
    }

    /** Last in the pipeline: answers whole requests, one at a time. */
    private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
        Requests() {
            super(false); // released by take(), also when the request waits its turn
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            requestArrived();
            if (busy) {
                waiting.add(request);
                ctx.channel().config().setAutoRead(false); // no more until these are answered
                return;
            }
            take(ctx, request);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private void requestArrived() {
        receiving = false;
        cancel(requestTimer);
        cancel(idleTimer);
    }

    private void take(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !inputClosed;
        boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        ApiResponse refusal = null;
        ApiRequest apiRequest = null;
        try {
            DecoderResult decoded = request.decoderResult();
            if (decoded.isFailure()) {
                log.debug("Malformed request from {}: {}", ctx.channel().remoteAddress(), decoded.cause().toString());
                refusal = malformed(decoded.cause());
            } else if (shared.closing.get()) {
                refusal = SHUTTING_DOWN;
            } else {
                apiRequest = toApiRequest(ctx, request);
            }
        } catch (ApiException e) {
            refusal = e.toResponse().withHeader("Connection", "close");
        } finally {
            request.release();
        }
        if (refusal != null) {
            reply(ctx, refusal, false, http10);
            return;
        }
        ApiRequest r = apiRequest;
        if (!shared.pipeline.needsRedis(r.method(), r.path())) {
            reply(ctx, answer(r), keepAlive, http10);
        } else {
            answerByDeadline(ctx, r, keepAlive, http10);
        }
    }

    /**
     * Runs the request on a worker; whatever is ready at the deadline is the answer: the handler's,
     * or the route's late answer when the handler still waits for Redis (it finishes unobserved).
     */
    private void answerByDeadline(ChannelHandlerContext ctx, ApiRequest r, boolean keepAlive, boolean http10) {
        AtomicBoolean answered = new AtomicBoolean();
        shared.inProgress.incrementAndGet();
        ScheduledFuture<?> late = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                shared.inProgress.decrementAndGet();
                reply(ctx, shared.pipeline.late(r.method(), r.path()), keepAlive, http10);
            }
        }, shared.deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            shared.workers.execute(() -> {
                if (answered.get()) {
                    return; // it waited for a worker past its deadline and has had its answer
                }
                ApiResponse response = answer(r);
                if (answered.compareAndSet(false, true)) {
                    shared.inProgress.decrementAndGet();
                    late.cancel(false);
                    ctx.executor().execute(() -> reply(ctx, response, keepAlive, http10));
                }
            });
        } catch (RejectedExecutionException full) {
            late.cancel(false);
            if (answered.compareAndSet(false, true)) {
                shared.inProgress.decrementAndGet();
                reply(ctx, shared.closing.get() ? SHUTTING_DOWN : OVERLOADED, keepAlive, http10);
            }
        }
    }

    private ApiResponse answer(ApiRequest r) {
        try {
            return shared.pipeline.handle(r);
        } catch (RuntimeException | Error e) {
            return ApiErrors.toResponse(e, r.method(), r.path());
        }
    }

    private static ApiRequest toApiRequest(ChannelHandlerContext ctx, FullHttpRequest request) {
        URI target;
        try {
            target = new URI(request.uri());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("The request target is not a valid URI");
        }
        String path = target.getPath() == null || target.getPath().isEmpty() ? "/" : target.getPath();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        String client = ClientAddress.resolve(peer.getAddress(), request.headers().get("X-Forwarded-For"));
        return ApiRequest.of(request.method().name(), path, target.getRawQuery(), headers, client,
                ByteBufUtil.getBytes(request.content()));
    }

    /** The 4xx of a request the decoder could not read; the connection is closed after it. */
    private static ApiResponse malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ApiResponse.error(414, "URI too long", "The request line is longer than " + MAX_REQUEST_LINE + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiResponse.error(431, "Request header fields too large", "The headers are longer than " + MAX_HEADERS + " bytes");
        }
        if (cause instanceof PrematureChannelClosureException) {
            return TRUNCATED;
        }
        return ApiResponse.error(400, "Bad request", "The request is not valid HTTP/1.1");
    }

    private void requestTooSlow(ChannelHandlerContext ctx) {
        if (!receiving || busy) {
            return;
        }
        log.debug("Request from {} did not arrive within {} s: closing", ctx.channel().remoteAddress(),
                ApiServer.REQUEST_TIMEOUT.toSeconds());
        busy = true;
        reply(ctx, ApiResponse.error(408, "Request timeout", "The request did not arrive whole within "
                + ApiServer.REQUEST_TIMEOUT.toSeconds() + " s"), false, false);
    }

    private void startRequestTimer(ChannelHandlerContext ctx) {
        cancel(requestTimer);
        requestTimer = ctx.executor().schedule(() -> requestTooSlow(ctx), ApiServer.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startIdle(ChannelHandlerContext ctx) {
        cancel(idleTimer);
        idleTimer = ctx.executor().schedule(() -> {
            if (!busy && !receiving) {
                ctx.close();
            }
        }, ApiServer.IDLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes the answer; then the next request of this connection, or reading again, or closing. I/O thread only. */
    private void reply(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive, boolean http10) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach((name, value) -> response.headers().set(name, value));
        if (r.body().length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        if (r.status() != 204) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        }
        boolean close = !keepAlive || "close".equalsIgnoreCase(r.headers().get("Connection"));
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        } else if (http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
        }
        // from the tail: through the encoder, whichever handler's context this is
        ctx.channel().writeAndFlush(response).addListener(written -> {
            if (close || !written.isSuccess()) {
                ctx.close();
            } else {
                next(ctx);
            }
        });
    }

    private void next(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest queued = waiting.poll();
        if (queued != null) {
            take(ctx, queued);
        } else if (inputClosed) {
            ctx.close();
        } else {
            ctx.channel().config().setAutoRead(true);
            if (receiving) {
                startRequestTimer(ctx); // the next request began while this one was answered: its time counts from now
            } else {
                startIdle(ctx);
            }
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
