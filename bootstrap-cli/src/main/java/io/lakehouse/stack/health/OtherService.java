package io.lakehouse.stack.health;

import io.lakehouse.stack.ProbeTarget;

/**
 * Where a probe reaches another service than the one it checks (a worker's master, a TaskManager's JobManager): from
 * the host every service is on the probe target's address; inside a container (the healthcheck, where the
 * entrypoint set {@code LAKEHOUSE_SERVICE}) the other service is on its own compose host, e.g. {@code SPARK_MASTER_HOST}.
 */
final class OtherService {
    private OtherService() {
    }

    static String host(ProbeTarget target, String hostVariable) {
        String inContainer = System.getenv("LAKEHOUSE_SERVICE");
        String host = System.getenv(hostVariable);
        return inContainer != null && host != null && !host.isBlank() ? host : target.host();
    }
}
