package io.lakehouse.stack.health;

import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The Hive Metastore is healthy when its Thrift API answers {@code get_all_databases}. */
public final class MetastoreThriftProbe implements HealthProbe {
    private final String portVariable;

    public MetastoreThriftProbe(String portVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
    }

    @Override
    public String describe() {
        return "metastore Thrift get_all_databases";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        int port = target.port(portVariable);
        TSocket socket = new TSocket(target.hostOf(portVariable), port, 3000);
        try {
            socket.open();
            ThriftHiveMetastore.Client client = new ThriftHiveMetastore.Client(new TBinaryProtocol(socket));
            List<String> databases = client.get_all_databases();
            return ProbeResult.healthy(databases.size() + " database(s): " + String.join(", ", databases));
        } catch (Exception e) {
            return ProbeResult.unhealthy("get_all_databases on " + target.address(portVariable) + " failed: "
                    + Failures.message(e));
        } finally {
            socket.close();
        }
    }
}
