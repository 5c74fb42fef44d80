package by.ocenka.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A streaming replica of PostgreSQL for public reads ({@code by.ocenka.platform.ReadReplica}); off while {@code url}
 * is empty.
 *
 * @param url      an R2DBC URL, e.g. {@code r2dbc:postgresql://replica:5432/ocenka}
 * @param username defaults to the URL's, then the primary's ({@code spring.r2dbc.username})
 * @param password defaults to the URL's, then the primary's
 * @param poolSize connections to the replica per instance
 */
@ConfigurationProperties("ocenka.replica")
public record ReplicaProperties(String url, String username, String password, Integer poolSize) {

    public ReplicaProperties {
        poolSize = poolSize == null ? 10 : poolSize;
    }
}
