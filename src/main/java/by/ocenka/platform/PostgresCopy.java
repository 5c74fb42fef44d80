package by.ocenka.platform;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bulk loading with PostgreSQL's COPY over R2DBC (text format, tab-separated): the demo data sets, and the history
 * import, which copies into a temporary table on a connection of its own.
 */
@Component
public class PostgresCopy {

    private final ConnectionFactory connectionFactory;

    PostgresCopy(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** Streams the chunks (each some whole lines) into {@code copySql}; answers the number of rows copied. */
    public Mono<Long> copyIn(String copySql, Flux<String> chunks) {
        return Mono.usingWhen(Mono.from(connectionFactory.create()),
                connection -> postgres(connection).copyIn(copySql, chunks.map(PostgresCopy::bytes)),
                Connection::close);
    }

    /**
     * Streams the chunks into {@code copySql} on this connection (one taken from the pool, however wrapped), for a COPY
     * into a temporary table that the statements after it read on the same connection.
     */
    public static Mono<Long> copyIn(Connection connection, String copySql, Flux<String> chunks) {
        return postgres(connection).copyIn(copySql, chunks.map(PostgresCopy::bytes));
    }

    /** A value as COPY's text format wants it: {@code \N} for null, backslash escapes for tab, newline, backslash. */
    public static String text(Object value) {
        if (value == null) {
            return "\\N";
        }
        return value.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static ByteBuf bytes(String chunk) {
        return Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static PostgresqlConnection postgres(Connection connection) {
        Connection target = connection;
        while (!(target instanceof PostgresqlConnection) && target instanceof Wrapped<?> wrapped) {
            target = ((Wrapped<Connection>) wrapped).unwrap();
        }
        return (PostgresqlConnection) target;
    }
}
