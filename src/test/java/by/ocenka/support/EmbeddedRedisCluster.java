package by.ocenka.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import org.awaitility.Awaitility;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster for a test: three masters with a replica each, the same bundled {@code redis-server} the suite
 * runs as its embedded Redis, on free ports. Formed the way {@code redis-cli --cluster create} does it (which the
 * bundle lacks): every node meets the first, the masters take a third of the slots each, each replica follows its
 * master. {@link #crashMasterOf} makes a master crash (a segfault, not a shutdown) so that its replica takes over.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {

    /**
     * How long a node may be silent before the others count it failed: short, so that a failover takes seconds, yet
     * not so short that a node starved of CPU on a busy test machine is failed over by mistake.
     */
    static final Duration NODE_TIMEOUT = Duration.ofMillis(2000);
    private static final int SLOTS = 16384;

    private final List<Integer> ports = new ArrayList<>();
    private final List<RedisServer> servers = new ArrayList<>();
    private final RedisClient client = RedisClient.create();

    private EmbeddedRedisCluster() {
    }

    /** Starts {@code masters} masters and one replica for each, and waits until the cluster is whole. */
    public static EmbeddedRedisCluster start(Path dir, int masters) {
        EmbeddedRedisCluster cluster = new EmbeddedRedisCluster();
        try {
            for (int i = 0; i < 2 * masters; i++) {
                cluster.startNode(dir.resolve("node-" + i));
            }
            cluster.form(masters);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startNode(Path dir) {
        int port = freePort();
        try {
            Files.createDirectories(dir);
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("cluster-enabled yes")
                    .setting("cluster-config-file nodes.conf")
                    .setting("cluster-node-timeout " + NODE_TIMEOUT.toMillis())
                    // As docs/SCALING.md advises: the other masters keep serving their slots while one fails over.
                    .setting("cluster-require-full-coverage no")
                    // As in production: the log of writes, so that a replica has something to take over.
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .build();
            server.start();
            servers.add(server);
            ports.add(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Redis Cluster node on port " + port, e);
        }
    }

    private void form(int masters) {
        for (int i = 1; i < ports.size(); i++) {
            on(ports.get(i), redis -> redis.clusterMeet("127.0.0.1", ports.get(0)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ports.stream().allMatch(port ->
                on(port, redis -> redis.clusterNodes().lines().filter(line -> !line.contains("handshake")).count()) == ports.size()));
        for (int m = 0; m < masters; m++) {
            int from = m * SLOTS / masters;
            int to = (m + 1) * SLOTS / masters;
            on(ports.get(m), redis -> redis.clusterAddSlots(IntStream.range(from, to).toArray()));
        }
        for (int m = 0; m < masters; m++) {
            String masterId = on(ports.get(m), RedisCommands::clusterMyId);
            int replica = ports.get(masters + m);
            // The replica must know the master as one before it may follow it.
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "OK".equals(on(replica, redis -> redis.clusterReplicate(masterId))));
        }
        awaitHealthy();
    }

    /** Waits until every live node says the cluster is ok and every replica's link to its master is up. */
    public void awaitHealthy() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> livePorts().stream().allMatch(port -> on(port, RedisCommands::clusterInfo).contains("cluster_state:ok"))
                        && livePorts().stream().filter(port -> on(port, RedisCommands::info).contains("role:slave"))
                        .allMatch(port -> on(port, redis -> redis.info("replication")).contains("master_link_status:up")));
    }

    /** "host:port,…" for {@code spring.data.redis.cluster.nodes}. */
    public String nodes() {
        return String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
    }

    /** The port of the master serving this key now. */
    public int masterOf(String key) {
        int slot = SlotHash.getSlot(key);
        for (int port : livePorts()) {
            if (slotsOf(port).get(slot)) {
                return port;
            }
        }
        throw new IllegalStateException("No master serves slot " + slot);
    }

    /** A key of the form {@code prefix + n} that this master serves. */
    public String keyOn(int master, String prefix) {
        BitSet slots = slotsOf(master);
        return IntStream.range(0, 100_000).mapToObj(n -> prefix + n).filter(key -> slots.get(SlotHash.getSlot(key)))
                .findFirst().orElseThrow();
    }

    /** The slots a node serves as a master (none for a replica). */
    private BitSet slotsOf(int port) {
        BitSet slots = new BitSet(SLOTS);
        String[] self = on(port, RedisCommands::clusterNodes).lines().filter(line -> line.contains("myself"))
                .findFirst().orElseThrow().split(" ");
        if (self[2].contains("master")) {
            for (String range : Arrays.copyOfRange(self, 8, self.length)) {
                if (!range.startsWith("[")) { // not a slot being migrated
                    String[] bounds = range.split("-");
                    int from = Integer.parseInt(bounds[0]);
                    slots.set(from, (bounds.length > 1 ? Integer.parseInt(bounds[1]) : from) + 1);
                }
            }
        }
        return slots;
    }

    /** Crashes the master of this key (a segfault, as a failing machine would), answers its port. */
    public int crashMasterOf(String key) {
        int port = masterOf(key);
        try {
            on(port, redis -> {
                redis.debugSegfault();
                return null;
            });
        } catch (RuntimeException expected) {
            // The connection dies with the server.
        }
        int index = ports.indexOf(port);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !servers.get(index).isActive() || !listening(port));
        ports.set(index, -port); // dead: no longer asked
        return port;
    }

    /** Empties every master (their replicas follow): each test starts from nothing, as with the embedded Redis. */
    public void flushAll() {
        masters().forEach(port -> on(port, RedisCommands::flushall));
    }

    /** The masters the cluster has now. */
    public List<Integer> masters() {
        return livePorts().stream().filter(port -> on(port, RedisCommands::info).contains("role:master")).toList();
    }

    /** Runs one command against one node on a connection of its own. */
    public <T> T on(int port, Function<RedisCommands<String, String>, T> command) {
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create("127.0.0.1", port))) {
            connection.setTimeout(Duration.ofSeconds(5));
            return command.apply(connection.sync());
        }
    }

    private List<Integer> livePorts() {
        return ports.stream().filter(port -> port > 0).toList();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free port whose cluster bus port (10000 above) is free too and still a port. */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            // Node ports and their bus ports (10000 above) both below Linux's ephemeral range (32768 on), where a client
            // connection could take one between this check and the node's bind.
            int port = ThreadLocalRandom.current().nextInt(12_000, 22_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair for a Redis Cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (RedisServer server : servers) {
            try {
                server.stop();
            } catch (IOException | RuntimeException e) {
                // Already gone (the crashed master).
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
