package io.lakehouse.it;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import io.lakehouse.bootstrap.Bootstrap;
import io.lakehouse.bootstrap.NamespacesStep;
import io.lakehouse.bootstrap.PlatformTopics;
import io.lakehouse.bootstrap.KafkaTopicsStep;
import io.lakehouse.bootstrap.StepOutcome;
import io.lakehouse.bootstrap.TopicSpec;
import io.lakehouse.stack.ProbeTarget;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core services proven through their own clients. One suite, run against both runtimes: the local one
 * ({@link LocalCoreServicesIT}) and compose ({@link ComposeCoreServicesIT}).
 */
abstract class CoreServicesContract {

    abstract StackEndpoints endpoints();

    @Test
    void kafkaTopicCreatedAndARecordRoundTrips() throws Exception {
        String topic = "it-roundtrip-" + UUID.randomUUID();
        String value = "order-42 placed at " + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // the broker's metadata catches up with the controller a moment after the create returns
            long listed = System.currentTimeMillis() + 15_000;
            while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                assertTrue(System.currentTimeMillis() < listed, topic + " not listed 15 s after its creation");
                Thread.sleep(200);
            }
        }
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>(topic, "order-42", value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints().kafkaBootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, sent.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, sent.offset());
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals("order-42", record.key());
                    assertEquals(value, record.value());
                    return;
                }
            }
        }
        throw new AssertionError("the record sent to " + topic + " was not read back within 30 s");
    }

    @Test
    void hdfsFileWrittenAndReadBack() throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", endpoints().hdfsUri());
        conf.setBoolean("dfs.client.use.datanode.hostname", true);
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        byte[] content = ("id,city\n1,Lisbon\n2,Porto\n" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Path file = new Path("/it/roundtrip-" + UUID.randomUUID() + ".csv");
        try (FileSystem fs = FileSystem.get(URI.create(endpoints().hdfsUri()), conf)) {
            try (FSDataOutputStream out = fs.create(file)) {
                out.write(content);
            }
            assertEquals(content.length, fs.getFileStatus(file).getLen());
            byte[] read = new byte[content.length];
            try (FSDataInputStream in = fs.open(file)) {
                in.readFully(read);
            }
            assertArrayEquals(content, read);
            assertTrue(fs.delete(file, false));
        }
    }

    @Test
    void metastoreDatabaseIsListedAndItsRowIsInTheMysqlBackedSchema() throws Exception {
        String name = "it_db_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TSocket socket = new TSocket(endpoints().host(), endpoints().port("HIVE_METASTORE_PORT"), 30_000);
        socket.open();
        try {
            ThriftHiveMetastore.Client client = new ThriftHiveMetastore.Client(new TBinaryProtocol(socket));
            Database database = new Database(name, "created by the integration tests", null, null);
            client.create_database(database);
            assertTrue(client.get_all_databases().contains(name), "metastore lists " + name);
            String location = client.get_database(name).getLocationUri();
            assertTrue(location.startsWith("hdfs://"), "warehouse on HDFS: " + location);

            try (Connection mysql = DriverManager.getConnection(endpoints().mysqlUrl("metastore"), "hive",
                    endpoints().secret("METASTORE_DB_PASSWORD"));
                 PreparedStatement query = mysql.prepareStatement("SELECT NAME, DB_LOCATION_URI FROM DBS WHERE NAME = ?")) {
                query.setString(1, name);
                try (ResultSet rs = query.executeQuery()) {
                    assertTrue(rs.next(), "row for " + name + " in metastore.DBS");
                    assertEquals(location, rs.getString(2));
                }
            }
            client.drop_database(name, true, false);
        } finally {
            socket.close();
        }
    }

    @Test
    void mysqlAnswersSelectOneAndItsBinlogAdvancesInRowFormat() throws Exception {
        // as the application user, which CDC will use too (root logs in only from inside the server's host)
        try (Connection app = DriverManager.getConnection(endpoints().mysqlUrl("shop"), "lakehouse",
                endpoints().secret("MYSQL_PASSWORD"));
             Statement statement = app.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            try (ResultSet rs = statement.executeQuery("SELECT @@log_bin, @@binlog_format")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("ROW", rs.getString(2));
            }
            BinlogPosition before = binlogPosition(statement);
            statement.execute("CREATE TABLE IF NOT EXISTS it_probe (id BIGINT PRIMARY KEY, note VARCHAR(64))");
            statement.execute("REPLACE INTO it_probe VALUES (1, '" + UUID.randomUUID() + "')");
            BinlogPosition after = binlogPosition(statement);
            assertTrue(after.compareTo(before) > 0, "binlog advanced from " + before + " to " + after);
        }
    }

    @Test
    void bootstrapCreatesNamespacesAndTopicsOnceAndChangesNothingTheSecondTime() throws Exception {
        ProbeTarget stack = new ProbeTarget(endpoints().host(), endpoints().ports(), endpoints().secrets());
        List<String> all = List.of("kafka", "hive-metastore");
        // the steps that need nothing but these two (the standard list skips any step whose services are not given)
        Bootstrap bootstrap = new Bootstrap(List.of(new NamespacesStep(), new KafkaTopicsStep(PlatformTopics.ALL)));
        bootstrap.apply(stack, all);
        List<StepOutcome> second = bootstrap.apply(stack, all);
        assertTrue(second.stream().noneMatch(StepOutcome::created), "second run changes nothing: " + second);
        assertEquals(NamespacesStep.NAMESPACES.size() + PlatformTopics.ALL.size(), second.size());

        TSocket socket = new TSocket(endpoints().host(), endpoints().port("HIVE_METASTORE_PORT"), 30_000);
        socket.open();
        try {
            List<String> databases = new ThriftHiveMetastore.Client(new TBinaryProtocol(socket)).get_all_databases();
            assertTrue(databases.containsAll(List.of("bronze", "silver", "gold", "marts")), databases.toString());
        } finally {
            socket.close();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints().kafkaBootstrap()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    PlatformTopics.ALL.stream().map(TopicSpec::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : PlatformTopics.ALL) {
                assertEquals(spec.partitions(), topics.get(spec.name()).partitions().size(), spec.name());
            }
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, PlatformTopics.EVENTS.name());
            assertEquals(PlatformTopics.EVENTS.retentionMs(), admin.describeConfigs(List.of(events)).all()
                    .get(30, TimeUnit.SECONDS).get(events).get("retention.ms").value());
        }
    }

    private static BinlogPosition binlogPosition(Statement statement) throws Exception {
        try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
            assertTrue(rs.next(), "SHOW MASTER STATUS returned a binlog position");
            return new BinlogPosition(rs.getString("File"), rs.getLong("Position"));
        }
    }

    record BinlogPosition(String file, long position) implements Comparable<BinlogPosition> {
        @Override
        public int compareTo(BinlogPosition other) {
            int byFile = file.compareTo(other.file);
            return byFile != 0 ? byFile : Long.compare(position, other.position);
        }
    }

}
