package io.lakehouse.stack.health;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Sessions of the CQL driver on the serving store, the same for ScyllaDB and its Cassandra stand-in: one contact
 * point, the local datacenter inferred from it (ScyllaDB and Cassandra name it differently), explicit timeouts.
 */
public final class CqlSessions {
    static {
        // Netty (under the driver) logs to java.util.logging when SLF4J has no real binding, as in the CLI: a probe
        // closing a session on a node that is still starting would print Netty's shutdown notices on the terminal
        InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
    }

    private CqlSessions() {
    }

    /**
     * @param connectTimeout how long connecting and the driver's own start-up queries may take
     * @param requestTimeout how long one statement may take (a DDL statement includes the schema agreement)
     * @param schemaMetadata whether the driver keeps schema metadata (not needed by probes: a faster start)
     */
    public static CqlSession open(String host, int port, Duration connectTimeout, Duration requestTimeout,
                                  boolean schemaMetadata) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy")
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, connectTimeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, connectTimeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, connectTimeout)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, requestTimeout)
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, schemaMetadata)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, schemaMetadata)
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, false)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
                // closing waits out Netty's quiet period (2 s by default): a probe would spend most of its time there
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build();
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(host, port))
                .withApplicationName("lakehouse")
                .withConfigLoader(config)
                .build();
    }
}
