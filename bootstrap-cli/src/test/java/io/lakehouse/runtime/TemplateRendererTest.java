package io.lakehouse.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {

    @Test
    void replacesOurVariablesAndLeavesTheServicesOwnAlone() {
        TemplateRenderer renderer = new TemplateRenderer(Map.of("KAFKA_PORT", "9092", "DATA_DIR", "/d"));
        assertEquals("listeners=PLAINTEXT://x:9092 dir=/d/k ${hadoop.tmp.dir} ${sys:log.dir}",
                renderer.render("listeners=PLAINTEXT://x:${KAFKA_PORT} dir=${DATA_DIR}/k ${hadoop.tmp.dir} ${sys:log.dir}",
                        "t"));
    }

    @Test
    void unknownVariableIsAnErrorNamingFileAndVariable() {
        TemplateRenderer renderer = new TemplateRenderer(Map.of("A", "1"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> renderer.render("x=${MISSING_ONE}", "compose/x/y.conf"));
        assertTrue(e.getMessage().contains("compose/x/y.conf") && e.getMessage().contains("MISSING_ONE"));
    }

    @Test
    void rendersAFolderOwnerOnlyAndSkipsBuildFiles(@TempDir Path dir) throws Exception {
        Path templates = Files.createDirectories(dir.resolve("t"));
        Files.writeString(templates.resolve("init.sql"), "IDENTIFIED BY '${PASSWORD}'");
        Files.writeString(templates.resolve("Dockerfile"), "FROM ${NOT_RENDERED}");
        Path out = dir.resolve("out");
        new TemplateRenderer(Map.of("PASSWORD", "s3cret")).renderFolder(templates, out);
        assertEquals("IDENTIFIED BY 's3cret'", Files.readString(out.resolve("init.sql")));
        assertFalse(Files.exists(out.resolve("Dockerfile")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("init.sql"))));
    }

    @Test
    void rendersSubfoldersOwnerOnlyAndAFileByteForByte(@TempDir Path dir) throws Exception {
        // a secret file read whole by Kafka's DirectoryConfigProvider: a newline added at its end would be part of
        // the password
        Path templates = Files.createDirectories(dir.resolve("t").resolve("secrets"));
        Files.writeString(templates.resolve("DB_PASSWORD"), "${PASSWORD}");
        Path out = dir.resolve("out");
        new TemplateRenderer(Map.of("PASSWORD", "s3cret")).renderFolder(dir.resolve("t"), out);
        assertEquals("s3cret", Files.readString(out.resolve("secrets/DB_PASSWORD")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("secrets"))));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("secrets/DB_PASSWORD"))));
    }

    @Test
    void theCdcPasswordTemplateEndsWithoutANewline() throws Exception {
        Path file = Path.of(System.getProperty("lakehouse.home"), "compose/kafka-connect/secrets/CDC_DB_PASSWORD");
        assertEquals("${CDC_DB_PASSWORD}", Files.readString(file), file + " is read whole as the password");
    }

    @Test
    void everyShippedTemplateUsesOnlyVariablesTheLocalRuntimeDefines() throws Exception {
        Path compose = Path.of(System.getProperty("lakehouse.home"), "compose");
        java.util.regex.Pattern placeholder = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
        java.util.Set<String> known = new java.util.HashSet<>(List.of("BIND_ADDRESS", "PUBLISHED_HOST", "DIST_DIR", "CONF_DIR",
                "DATA_DIR", "LOG_DIR", "OS_USER", "VENV_DIR", "PROJECT_HOME", "STATE_DIR"));
        io.lakehouse.stack.ServiceCatalog catalog = io.lakehouse.stack.ServiceCatalog.standard();
        catalog.all().forEach(s -> {
            known.add(s.hostVariable());
            s.ports().forEach(p -> known.add(p.variable()));
            s.generatedValues().forEach(g -> known.add(g.variable()));
        });
        // what the model says for the whole stack (HDFS_REPLICATION) and for a service itself (KAFKA_NODE_ID)
        known.addAll(catalog.clusterVariables().keySet());
        for (io.lakehouse.stack.ServiceDefinition service : catalog.all()) {
            java.util.Set<String> knownHere = new java.util.HashSet<>(known);
            knownHere.addAll(service.variables().keySet());
            try (var files = Files.walk(compose.resolve(service.configFolder()))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (name.equals("Dockerfile") || name.endsWith(".md") || name.endsWith(".sh")) {
                        continue;
                    }
                    var matcher = placeholder.matcher(Files.readString(file));
                    while (matcher.find()) {
                        assertTrue(knownHere.contains(matcher.group(1)), file + " uses unknown ${" + matcher.group(1) + "}");
                    }
                }
            }
        }
    }
}
