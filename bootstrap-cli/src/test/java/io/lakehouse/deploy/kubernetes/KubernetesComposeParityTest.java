package io.lakehouse.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed Kubernetes tree and the committed compose file, both read back as YAML, agree service by service:
 * the same images and tags, the same ports, the same config files mounted at the same path, the same credentials,
 * the same healthcheck and memory limit. Outputs are compared, not the model, so a drift in either generator fails.
 */
class KubernetesComposeParityTest {
    private static final Path HOME = KubernetesManifestsTest.HOME;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DEFAULT_PORT = Pattern.compile("\\$\\{[A-Z0-9_]+:-(\\d+)}");

    @Test
    void everyComposeServiceRunsTheSameOnKubernetes() throws IOException {
        JsonNode compose = YAML.readTree(HOME.resolve("compose/docker-compose.yml").toFile());
        Map<String, List<Integer>> portsByService = anchorPorts(compose.get("x-lakehouse-environment"));
        JsonNode configMaps = YAML.readTree(HOME.resolve(KubernetesManifests.COMPOSE_KUSTOMIZATION).toFile());
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.get("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            if (service.has("profiles")) {
                continue;   // the toolbox (compared with the Jobs below) and on-demand services (not deployed)
            }
            Path file = HOME.resolve(KubernetesManifests.BASE + "/" + name + ".yaml");
            assertTrue(Files.isRegularFile(file), "compose service " + name + " has no " + file);
            Map<String, JsonNode> objects = objects(file);
            JsonNode svc = objects.get("Service");
            JsonNode workload = objects.containsKey("StatefulSet") ? objects.get("StatefulSet") : objects.get("Deployment");
            assertNotNull(svc, name + ": no Service");
            assertNotNull(workload, name + ": no StatefulSet or Deployment");
            assertEquals("None", svc.at("/spec/clusterIP").asText(), name + ": headless");
            JsonNode container = workload.at("/spec/template/spec/containers/0");

            assertEquals(service.get("image").asText(), container.get("image").asText(), name + ": image and tag");

            List<Integer> servicePorts = new ArrayList<>();
            svc.at("/spec/ports").forEach(p -> servicePorts.add(p.get("port").asInt()));
            assertEquals(portsByService.get(name), servicePorts, name + ": the ports compose tells every container");
            List<Integer> containerPorts = new ArrayList<>();
            container.get("ports").forEach(p -> containerPorts.add(p.get("containerPort").asInt()));
            assertEquals(servicePorts, containerPorts, name + ": container ports");
            if (service.has("ports")) {
                for (JsonNode published : service.get("ports")) {
                    Matcher m = DEFAULT_PORT.matcher(published.asText());
                    assertTrue(m.find(), published.asText());
                    assertTrue(servicePorts.contains(Integer.parseInt(m.group(1))), name + ": published " + published);
                }
            }

            assertEquals(service.get("mem_limit").asText().replace("m", "Mi"),
                    container.at("/resources/limits/memory").asText(), name + ": memory limit");

            List<String> healthcheck = new ArrayList<>();
            service.at("/healthcheck/test").forEach(t -> healthcheck.add(t.asText()));
            List<String> probe = new ArrayList<>();
            container.at("/livenessProbe/exec/command").forEach(t -> probe.add(t.asText()));
            if (healthcheck.get(0).equals("CMD")) {
                assertEquals(healthcheck.subList(1, healthcheck.size()), probe, name + ": the probe loop's healthcheck");
            } else {
                assertEquals(List.of("sh", "-c"), probe.subList(0, 2), name);
                assertEquals(healthcheck.get(1).replaceAll("\\$\\{[A-Z0-9_]+:-(\\d+)}", "$1"), probe.get(2),
                        name + ": the vendor's healthcheck");
            }
            for (String kind : List.of("startupProbe", "readinessProbe")) {
                assertEquals(probe.toString(), listOf(container.at("/" + kind + "/exec/command")).toString(), name + " " + kind);
            }

            List<String> secrets = new ArrayList<>();
            service.path("secrets").forEach(s -> secrets.add(s.asText()));
            assertEquals(secrets, secretItems(workload), name + ": the credentials given as files");

            compared += configFolder(name, service, container, workload, configMaps);
        }
        assertTrue(compared >= 10, "compared the config folders of " + compared + " services");
    }

    /** The compose volume ./<folder>:<path>:ro against the ConfigMap mounted at <path>, file by file. */
    private static int configFolder(String name, JsonNode service, JsonNode container, JsonNode workload,
                                    JsonNode configMaps) throws IOException {
        String volume = null;
        for (JsonNode v : service.get("volumes")) {
            if (v.asText().startsWith("./")) {
                volume = v.asText();
            }
        }
        if (volume == null) {
            return 0;   // a vendor's image: compose mounts no config folder
        }
        String[] parts = volume.split(":");
        String folder = parts[0].substring(2);
        String path = parts[1];
        assertEquals("ro", parts[2], name);
        JsonNode mount = null;
        for (JsonNode m : container.get("volumeMounts")) {
            if (m.get("mountPath").asText().equals(path)) {
                mount = m;
            }
        }
        assertNotNull(mount, name + ": nothing mounted at " + path);
        assertTrue(mount.path("readOnly").asBoolean(), name + ": read-only");
        JsonNode configVolume = null;
        for (JsonNode v : workload.at("/spec/template/spec/volumes")) {
            if (v.get("name").asText().equals(mount.get("name").asText())) {
                configVolume = v.get("configMap");
            }
        }
        assertNotNull(configVolume, name + ": " + path + " is not a ConfigMap");
        TreeSet<String> onDisk = new TreeSet<>();
        Path dir = HOME.resolve("compose").resolve(folder);
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> onDisk.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        Map<String, String> mounted = new LinkedHashMap<>();
        configVolume.get("items").forEach(i -> mounted.put(i.get("key").asText(), i.get("path").asText()));
        assertEquals(onDisk, new TreeSet<>(mounted.values()), name + ": the files compose mounts from compose/" + folder);
        JsonNode generator = null;
        for (JsonNode g : configMaps.get("configMapGenerator")) {
            if (g.get("name").asText().equals(configVolume.get("name").asText())) {
                generator = g;
            }
        }
        assertNotNull(generator, name + ": no generator for " + configVolume.get("name"));
        TreeSet<String> sources = new TreeSet<>();
        for (JsonNode source : generator.get("files")) {
            String[] keyAndFile = source.asText().split("=", 2);
            assertTrue(keyAndFile[1].startsWith(folder + "/"), source.asText());
            String relative = keyAndFile[1].substring(folder.length() + 1);
            assertEquals(relative, mounted.get(keyAndFile[0]), name + ": key " + keyAndFile[0] + " mounted at its path");
            sources.add(relative);
        }
        assertEquals(onDisk, sources, name + ": the ConfigMap's sources are compose/" + folder);
        return 1;
    }

    @Test
    void theJobsRunComposesToolbox() throws IOException {
        JsonNode toolbox = YAML.readTree(HOME.resolve("compose/docker-compose.yml").toFile()).at("/services/toolbox");
        List<JsonNode> jobs = documents(HOME.resolve(KubernetesManifests.BASE + "/toolbox-jobs.yaml"));
        assertEquals(KubernetesManifests.JOBS.size(), jobs.size());
        for (JsonNode job : jobs) {
            JsonNode container = job.at("/spec/template/spec/containers/0");
            assertEquals(toolbox.get("image").asText(), container.get("image").asText(), "the toolbox's image");
            assertEquals(listOf(toolbox.get("entrypoint")), listOf(container.get("command")), "the toolbox's entrypoint");
            assertEquals(toolbox.get("working_dir").asText(), container.get("workingDir").asText());
            assertTrue(job.at("/spec/suspend").asBoolean(), "created suspended: resumed in order");
        }
    }

    @Test
    void theStandInComponentRunsComposesStandIn() throws IOException {
        JsonNode standIn = YAML.readTree(HOME.resolve("compose/stand-ins/serving-store.yml").toFile())
                .at("/services/serving-store");
        JsonNode component = YAML.readTree(HOME.resolve(KubernetesManifests.STAND_IN_COMPONENT + "/kustomization.yaml").toFile());
        JsonNode patch = YAML.readTree(component.at("/patches/0/patch").asText());
        JsonNode container = patch.at("/spec/template/spec/containers/0");
        assertEquals(standIn.get("image").asText(), container.get("image").asText());
        assertEquals(listOf(standIn.get("command")), listOf(container.get("args")));
    }

    /** The compose anchor lists each service's host variable, then its ports: port numbers by compose service. */
    private static Map<String, List<Integer>> anchorPorts(JsonNode anchor) {
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        String current = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = anchor.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith("_HOST") && !e.getKey().equals("PUBLISHED_HOST")) {
                current = e.getValue().asText();
                ports.put(current, new ArrayList<>());
            } else if (e.getKey().endsWith("_PORT") && current != null) {
                Matcher m = DEFAULT_PORT.matcher(e.getValue().asText());
                assertTrue(m.matches(), e.toString());
                ports.get(current).add(Integer.parseInt(m.group(1)));
            }
        }
        return ports;
    }

    private static List<String> secretItems(JsonNode workload) {
        List<String> keys = new ArrayList<>();
        for (JsonNode v : workload.at("/spec/template/spec/volumes")) {
            if (v.has("secret")) {
                v.at("/secret/items").forEach(i -> keys.add(i.get("key").asText()));
            }
        }
        return keys;
    }

    private static List<String> listOf(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(i -> items.add(i.asText()));
        return items;
    }

    private static Map<String, JsonNode> objects(Path file) throws IOException {
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        documents(file).forEach(d -> byKind.put(d.get("kind").asText(), d));
        return byKind;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isEmpty()) {
                    documents.add(d);
                }
            });
        }
        return documents;
    }
}
