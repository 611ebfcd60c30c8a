package io.lakehouse.jobs.flink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Writes rows to the CQL serving store (ScyllaDB, or Cassandra locally) with one prepared INSERT, which in CQL is an
 * upsert. Writes are asynchronous with a bounded number in flight; every checkpoint waits for all of them, so a
 * checkpoint never covers a write that did not happen (at least once; the rows are absolute totals, so writing one
 * again changes nothing).
 */
public final class CqlUpsertSink<T> implements Sink<T> {
    /** The values of one row, in the order of the statement's bind markers. */
    public interface Binder<T> extends Serializable {
        Object[] values(T row);
    }

    private static final int MAX_IN_FLIGHT = 256;

    private final CqlEndpoint endpoint;
    private final String insertCql;
    private final Binder<T> binder;

    public CqlUpsertSink(CqlEndpoint endpoint, String insertCql, Binder<T> binder) {
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.insertCql = requireNonNull(insertCql, "insertCql");
        this.binder = requireNonNull(binder, "binder");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(endpoint.connect(), insertCql, binder);
    }

    /** Where the serving store listens. */
    public record CqlEndpoint(String host, int port) implements Serializable {
        public CqlEndpoint {
            requireNonNull(host, "host");
        }

        /** {@code host:port}, as the CLI passes {@code --cql}. */
        public static CqlEndpoint parse(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--cql must be host:port, got " + hostPort);
            }
            return new CqlEndpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }

        CqlSession connect() {
            // the driver reads its reference.conf through this loader: Flink gives user code a class loader of its own
            ClassLoader loader = CqlUpsertSink.class.getClassLoader();
            DriverConfigLoader config = DriverConfigLoader.programmaticBuilder(loader)
                    // ScyllaDB and its Cassandra stand-in name their data center differently: infer it
                    .withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy")
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                    .build();
            return CqlSession.builder()
                    .addContactPoint(new InetSocketAddress(host, port))
                    .withApplicationName("lakehouse-flink-jobs")
                    .withConfigLoader(config)
                    .withClassLoader(loader)
                    .build();
        }
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final CqlSession session;
        private final PreparedStatement insert;
        private final Binder<T> binder;
        private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        Writer(CqlSession session, String insertCql, Binder<T> binder) {
            this.session = session;
            this.insert = session.prepare(insertCql);
            this.binder = binder;
        }

        @Override
        public void write(T row, Context context) throws IOException, InterruptedException {
            rethrowFailure();
            inFlight.acquire();
            CompletionStage<AsyncResultSet> write = session.executeAsync(insert.bind(binder.values(row)));
            write.whenComplete((result, error) -> {
                if (error != null) {
                    failures.add(error);
                }
                inFlight.release();
            });
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS)) {
                throw new IOException("CQL writes did not finish within 60 s (serving store slow or down)");
            }
            inFlight.release(MAX_IN_FLIGHT);
            rethrowFailure();
        }

        private void rethrowFailure() throws IOException {
            Throwable failure = failures.poll();
            if (failure != null) {
                throw new IOException("a serving-store write failed: " + failure.getMessage(), failure);
            }
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
