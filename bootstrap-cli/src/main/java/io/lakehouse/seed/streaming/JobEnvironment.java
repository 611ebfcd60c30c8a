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

    /** The local runtime: every service on the probe target's host; config.yaml's checkpoint folder on HDFS. */
    public static JobEnvironment local(ProbeTarget stack, boolean servingStore) {
        String hdfs = "hdfs://" + stack.host() + ":" + stack.port("NAMENODE_RPC_PORT");
        return new JobEnvironment(stack.host() + ":" + stack.port("KAFKA_PORT"),
                "thrift://" + stack.host() + ":" + stack.port("HIVE_METASTORE_PORT"),
                hdfs + "/warehouse", hdfs + "/flink/checkpoints",
                servingStore ? Optional.of(stack.host() + ":" + stack.port("SERVING_STORE_PORT")) : Optional.empty());
    }

    /**
     * The docker runtime: the jobs run in the Flink containers and reach the other services by their compose names
     * (Kafka on its listener for containers), on the same port numbers as published on the host.
     */
    public static JobEnvironment inContainers(ProbeTarget stack, io.lakehouse.stack.ServiceCatalog catalog,
                                              boolean servingStore) {
        String hdfs = "hdfs://" + catalog.get("namenode").composeService() + ":" + stack.port("NAMENODE_RPC_PORT");
        return new JobEnvironment(catalog.get("kafka").composeService() + ":" + stack.port("KAFKA_INTERNAL_PORT"),
                "thrift://" + catalog.get("hive-metastore").composeService() + ":" + stack.port("HIVE_METASTORE_PORT"),
                hdfs + "/warehouse", hdfs + "/flink/checkpoints",
                servingStore ? Optional.of(catalog.get("serving-store").composeService() + ":"
                        + stack.port("SERVING_STORE_PORT")) : Optional.empty());
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
