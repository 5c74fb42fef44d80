package by.ocenka.platform.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Responses are compressed (server.compression) only with the encodings every HTTP client decodes: gzip and deflate.
 * Netty's compressor also offers snappy (Reactor Netty always configures it), brotli and zstd, and answers
 * {@code Accept-Encoding: *} (Node's fetch sends it) with snappy framing that no HTTP client reads. So the request's
 * {@code Accept-Encoding} is narrowed before the compressor reads it: gzip and deflate stay, {@code *} means gzip, the
 * rest goes.
 */
@Configuration(proxyBeanMethods = false)
class HttpCompressionConfiguration {

    private static final Set<String> DECODED_BY_EVERY_CLIENT = Set.of("gzip", "deflate");

    @Bean
    NettyServerCustomizer knownEncodingsOnly() {
        AcceptEncodingFilter filter = new AcceptEncodingFilter();
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "ocenka.acceptEncoding", filter);
            }
        });
    }

    /** Browsers send a handful of distinct values: each is narrowed once, not on every request. */
    private static final ConcurrentHashMap<String, String> NARROWED =
            new ConcurrentHashMap<>();

    static String narrowed(String acceptEncoding) {
        String known = NARROWED.get(acceptEncoding);
        if (known == null) {
            known = known(acceptEncoding);
            if (NARROWED.size() < 256) {
                NARROWED.put(acceptEncoding, known);
            }
        }
        return known;
    }

    /** {@code Accept-Encoding} as the compressor may read it (identity when nothing known is left). */
    static String known(String acceptEncoding) {
        String kept = Arrays.stream(acceptEncoding.split(","))
                .map(String::strip)
                .map(token -> {
                    int semicolon = token.indexOf(';');
                    String name = (semicolon < 0 ? token : token.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
                    String parameters = semicolon < 0 ? "" : token.substring(semicolon);
                    return name.equals("*") ? "gzip" + parameters : DECODED_BY_EVERY_CLIENT.contains(name) ? token : null;
                })
                .filter(token -> token != null)
                .collect(Collectors.joining(", "));
        return kept.isEmpty() ? "identity" : kept;
    }

    @ChannelHandler.Sharable
    static final class AcceptEncodingFilter extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                String value = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
                if (value != null) {
                    request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, narrowed(value));
                }
            }
            context.fireChannelRead(message);
        }
    }
}
