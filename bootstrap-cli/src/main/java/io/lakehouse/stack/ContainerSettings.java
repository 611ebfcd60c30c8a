package io.lakehouse.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a service's container needs beyond what every container gets from the model (its ports, the other
 * services' addresses, its config folder, a data volume, the probe loop's healthcheck): fixed environment, the
 * generated values of other services it reads, read-only mounts of repository folders, a longer stop grace period,
 * an init process. The compose file is generated from this; nothing about a container is written by hand.
 *
 * @param environment     fixed variables ({@code SPARK_PUBLIC_DNS=127.0.0.1})
 * @param reads           generated values of other services the container reads ({@code METASTORE_DB_PASSWORD});
 *                        a container always gets the values its own service generates
 * @param mounts          repository folders mounted read-only
 * @param stopGracePeriod how long {@code docker stop} waits before SIGKILL, where the default 10 s is too short
 * @param initProcess     an init process as PID 1 that reaps the service's children
 * @param runsCommands    the service runs lakehouse commands against the stack (Airflow's DAG tasks): like the
 *                        toolbox, its container gets the address book's inside view and the stack's port numbers
 * @param imagePackages   Debian packages the image needs beyond the JRE (libraries a native binary links)
 * @param keptData        what the service keeps in its data volume that must outlive the container (a database, a
 *                        log, a formatted namespace, an init step's marker); empty for a service whose data volume
 *                        is scratch space. Kubernetes runs a service that keeps data as a StatefulSet with a volume
 *                        claim, the others as Deployments.
 */
public record ContainerSettings(Map<String, String> environment, List<String> reads, List<Mount> mounts,
                                Optional<Duration> stopGracePeriod, boolean initProcess, boolean runsCommands,
                                List<String> imagePackages, Optional<String> keptData) {
    public static final ContainerSettings NONE = new ContainerSettings(Map.of(), List.of(), List.of(),
            Optional.empty(), false, false, List.of(), Optional.empty());

    public ContainerSettings {
        environment = Map.copyOf(environment);
        reads = List.copyOf(reads);
        mounts = List.copyOf(mounts);
        imagePackages = List.copyOf(imagePackages);
        requireNonNull(stopGracePeriod, "stopGracePeriod");
        requireNonNull(keptData, "keptData");
    }

    /** Whether the data volume holds anything that must outlive the container (see {@code keptData}). */
    public boolean keepsData() {
        return keptData.isPresent();
    }

    /**
     * A repository folder mounted read-only into the container.
     *
     * @param repositoryPath relative to the repository root ({@code jobs/airflow/dags})
     * @param containerPath  absolute, inside the container
     * @param why            one line, for the generated file
     */
    public record Mount(String repositoryPath, String containerPath, String why) {
        public Mount {
            requireNonNull(repositoryPath, "repositoryPath");
            requireNonNull(containerPath, "containerPath");
            requireNonNull(why, "why");
            if (repositoryPath.startsWith("/") || repositoryPath.contains("..") || !containerPath.startsWith("/")) {
                throw new IllegalArgumentException("a mount is a repository folder to an absolute container path: "
                        + repositoryPath + " -> " + containerPath);
            }
        }
    }
}
