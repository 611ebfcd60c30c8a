package io.lakehouse.seed.streaming;

import io.lakehouse.stack.ProbeTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The addresses a job uses from inside the Flink cluster (for the local runtime the same as from the host; under
 * compose the service names), passed to the job's main class as {@code --name value} arguments.
 *
 * @param checkpointRoot each job checkpoints under {@code <root>/<job name>}, where the CLI looks for the latest
 *                       checkpoint to resume from
 * @param cql            the serving store's CQL address, when it is part of the stack
 */
public record JobEnvironment(String kafkaBootstrap, String metastoreUri, String warehouse, String checkpointRoot,
                             Optional<String> cql) {
    public JobEnvironment {
        requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        requireNonNull(metastoreUri, "metastoreUri");
        requireNonNull(warehouse, "warehouse");
        requireNonNull(checkpointRoot, "checkpointRoot");
        requireNonNull(cql, "cql");
    }

    /**
     * The addresses the jobs use, from the view the Flink cluster has of the stack: the host's for the local runtime,
     * the inside of the compose network under docker (compose names, Kafka's listener for containers).
     */
    public static JobEnvironment seenBy(ProbeTarget flinksView, boolean servingStore) {
        String hdfs = "hdfs://" + flinksView.address("NAMENODE_RPC_PORT");
        return new JobEnvironment(flinksView.everyAddress("KAFKA_PORT"),
                "thrift://" + flinksView.address("HIVE_METASTORE_PORT"),
                hdfs + "/warehouse", hdfs + "/flink/checkpoints",
                servingStore ? Optional.of(flinksView.address("SERVING_STORE_PORT")) : Optional.empty());
    }

    public String checkpointDir(StreamingJob job) {
        return checkpointRoot + "/" + job.name();
    }

    public List<String> arguments(StreamingJob job) {
        List<String> args = new ArrayList<>(List.of("--kafka", kafkaBootstrap, "--metastore", metastoreUri,
                "--warehouse", warehouse, "--checkpoints", checkpointDir(job)));
        if (job.writesServingStore() && cql.isPresent()) {
            args.addAll(List.of("--cql", cql.get()));
        }
        return args;
    }
}
