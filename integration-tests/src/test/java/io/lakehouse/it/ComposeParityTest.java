package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.VendorImage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compose deployment agrees with the service model and the pinned versions: every service has a healthcheck,
 * dependencies wait for health, ports are published on 127.0.0.1 only with the model's ports and override
 * variables, image tags equal the root pom's versions (a vendor's image too), mounted files
 * exist, and a service run from a vendor's image has a checked stand-in override.
 */
class ComposeParityTest {
    private static final Path HOME = Path.of(System.getProperty("lakehouse.home")).toAbsolutePath().normalize();
    private static final Path COMPOSE = HOME.resolve("compose");
    private static final Pattern IMAGE = Pattern.compile("lakehouse/([a-z0-9-]+):([A-Za-z0-9.]+)");
    /** The healthcheck of the project's images: it reads what the container's probe loop last found. */
    private static final List<String> PROBE_LOOP_HEALTHCHECK = List.of("CMD", "/opt/lakehouse/health.sh");
    private static final Pattern VENDOR_IMAGE = Pattern.compile("([a-z0-9./-]+):([A-Za-z0-9.]+)");

    /** SnakeYAML, not Jackson's YAML reader: the compose file uses merge keys ({@code <<: *anchor}), as compose does. */
    private final JsonNode compose = new ObjectMapper().valueToTree(
            new Yaml().load(Files.readString(COMPOSE.resolve("docker-compose.yml"))));
    private final Map<String, String> pom = pomProperties();
    private final ServiceCatalog catalog = ServiceCatalog.standard();

    ComposeParityTest() throws Exception {
    }

    @Test
    void everyServiceOfTheModelIsInComposeAndEveryComposeServiceHasAHealthcheck() {
        JsonNode services = compose.path("services");
        for (ServiceDefinition service : catalog.all()) {
            assertTrue(services.has(service.composeService()), "compose lacks " + service.composeService());
        }
        services.fields().forEachRemaining(entry -> {
            if (entry.getKey().equals(io.lakehouse.runtime.docker.ComposeFile.TOOLBOX)) {
                return;   // a command run to completion (docker compose run --rm), not a service to wait for
            }
            JsonNode test = entry.getValue().path("healthcheck").path("test");
            assertTrue(test.isArray() && test.size() > 1 || test.isTextual(), entry.getKey() + " has no healthcheck");
            if (entry.getValue().path("image").asText().startsWith("lakehouse/")) {
                assertEquals(PROBE_LOOP_HEALTHCHECK, texts(test), entry.getKey()
                        + ": a project image's healthcheck reads its probe loop (no JVM per check)");
            }
        });
    }

    @Test
    void dependenciesWaitForHealthAndMatchTheModel() {
        for (ServiceDefinition service : catalog.all()) {
            JsonNode dependsOn = compose.path("services").path(service.composeService()).path("depends_on");
            List<String> composeDeps = new ArrayList<>();
            dependsOn.fields().forEachRemaining(dep -> {
                composeDeps.add(dep.getKey());
                assertEquals("service_healthy", dep.getValue().path("condition").asText(),
                        service.name() + " -> " + dep.getKey() + " must wait for health");
            });
            List<String> modelDeps = service.needs().stream().map(d -> catalog.get(d).composeService()).toList();
            assertEquals(modelDeps.stream().sorted().toList(), composeDeps.stream().sorted().toList(),
                    "depends_on of " + service.name());
        }
    }

    @Test
    void portsArePublishedOnLoopbackOnlyWithTheModelsPortsAndOverrides() {
        compose.path("services").fields().forEachRemaining(entry -> entry.getValue().path("ports").forEach(port ->
                assertTrue(port.asText().startsWith("127.0.0.1:"), entry.getKey() + " publishes " + port.asText()
                        + " beyond loopback")));
        for (ServiceDefinition service : catalog.all()) {
            List<String> published = new ArrayList<>();
            compose.path("services").path(service.composeService()).path("ports").forEach(p -> published.add(p.asText()));
            for (PortSpec spec : service.ports()) {
                String port = "${" + spec.overrideVariable() + ":-" + spec.defaultPort() + "}";
                String expected = "127.0.0.1:" + port + ":" + port;
                assertEquals(spec.published(), published.contains(expected), service.name() + " "
                        + (spec.published() ? "should" : "must not") + " publish " + expected + ", has " + published);
                assertEquals(port, compose.path("services").path(service.composeService()).path("environment")
                        .path(spec.variable()).asText(), spec.variable() + " is given to the container, equal to "
                        + "the published port");
            }
        }
    }

    @Test
    void imageTagsAreThePinnedPomVersions() {
        compose.path("services").fields().forEachRemaining(entry -> {
            String image = entry.getValue().path("image").asText();
            Optional<VendorImage> vendor = model(entry.getKey()).flatMap(ServiceDefinition::vendorImage);
            if (vendor.isPresent()) {
                // the vendor's own image (ScyllaDB), its tag pinned like every version
                Matcher m = VENDOR_IMAGE.matcher(image);
                assertTrue(m.matches() && m.group(1).equals(vendor.get().repository()), entry.getKey() + ": image "
                        + image + " must be " + vendor.get().repository() + ":VERSION");
                assertEquals(vendor.get().version(), pinned(m.group(2)), "vendor image tag of " + entry.getKey()
                        + " equals the service model's vendor version");
                return;
            }
            if (model(entry.getKey()).isEmpty() && entry.getValue().has("profiles")) {
                // outside the service model, started on demand (StarRocks): a vendor's image, its tag pinned
                Matcher vendorTag = VENDOR_IMAGE.matcher(image);
                assertTrue(vendorTag.matches(), entry.getKey() + ": image " + image + " must be REPOSITORY:VERSION");
                pinned(vendorTag.group(2));
                return;
            }
            Matcher m = IMAGE.matcher(image);
            assertTrue(m.matches(), entry.getKey() + ": image " + image + " must be lakehouse/NAME:VERSION");
            String version = pinned(m.group(2));
            model(entry.getKey()).ifPresent(model -> assertEquals(model.version(), version, "image version of "
                    + entry.getKey() + " equals the service model's version"));
        });
    }

    /**
     * Every service run from a vendor's image has a stand-in override ({@code compose/stand-ins/NAME.yml}) that runs
     * the project's own image of the model's version with the CLI's probe, and every override belongs to such a
     * service: what runs where the vendor's image cannot be pulled is as checked as the rest.
     */
    @Test
    void everyVendorImageHasAStandInOverrideRunningTheProjectsImage() throws IOException {
        Path standIns = COMPOSE.resolve("stand-ins");
        for (ServiceDefinition service : catalog.all()) {
            if (service.vendorImage().isEmpty()) {
                assertFalse(Files.exists(standIns.resolve(service.composeService() + ".yml")),
                        service.name() + " has no vendor image, so no stand-in override");
                continue;
            }
            Path file = standIns.resolve(service.composeService() + ".yml");
            assertTrue(Files.isRegularFile(file), service.name() + " runs a vendor image: " + file + " is its stand-in");
            JsonNode override = new ObjectMapper().valueToTree(new Yaml().load(Files.readString(file)));
            List<String> names = new ArrayList<>();
            override.path("services").fieldNames().forEachRemaining(names::add);
            assertEquals(List.of(service.composeService()), names, file + " overrides its own service only");
            JsonNode standIn = override.path("services").path(service.composeService());

            Matcher m = IMAGE.matcher(standIn.path("image").asText());
            assertTrue(m.matches() && m.group(1).equals(service.configFolder()), file + ": image must be lakehouse/"
                    + service.configFolder() + ":VERSION, is " + standIn.path("image").asText());
            assertEquals(service.version(), pinned(m.group(2)), "stand-in image version equals the model's version");
            assertEquals(service.localStandIn().orElseThrow().version(), service.version(),
                    "the docker stand-in is the local runtime's");
            assertEquals("never", standIn.path("pull_policy").asText(), file + ": the project's image is built");
            assertEquals(List.of(service.name()), texts(standIn.path("command")), file + ": entrypoint argument");
            assertEquals(PROBE_LOOP_HEALTHCHECK, texts(standIn.path("healthcheck").path("test")),
                    file + ": healthcheck reads the CLI's probe loop");
            Path dockerfile = COMPOSE.resolve(standIn.path("build").path("context").asText("."))
                    .resolve(standIn.path("build").path("dockerfile").asText()).normalize();
            assertTrue(Files.isRegularFile(dockerfile), file + ": " + dockerfile + " exists");
            standIn.path("volumes").forEach(volume -> {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertTrue(Files.exists(COMPOSE.resolve(source).normalize()), file + " mounts missing " + source);
                } else {
                    assertTrue(compose.path("volumes").has(source), "volume " + source + " of " + file
                            + " is declared in docker-compose.yml");
                }
            });
        }
    }

    private Optional<ServiceDefinition> model(String composeService) {
        return catalog.all().stream().filter(s -> s.composeService().equals(composeService)).findFirst();
    }

    /** A tag of the generated file, which must be a version the root pom pins (the one place versions live). */
    private String pinned(String tag) {
        assertTrue(pom.entrySet().stream().anyMatch(p -> p.getKey().endsWith(".version") && p.getValue().equals(tag)),
                "image tag " + tag + " is no version property of the root pom.xml");
        return tag;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void everyMountedHostPathAndDockerfileExists() {
        compose.path("services").fields().forEachRemaining(entry -> {
            entry.getValue().path("volumes").forEach(volume -> {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith("${")) {
                    return;   // a host path the CLI names (the toolbox's state directory)
                }
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertTrue(Files.exists(COMPOSE.resolve(source).normalize()),
                            entry.getKey() + " mounts missing " + source);
                } else {
                    assertTrue(compose.path("volumes").has(source), "named volume " + source + " is declared");
                }
            });
            JsonNode build = entry.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = COMPOSE.resolve(build.path("context").asText(".")).normalize();
                assertTrue(Files.isRegularFile(context.resolve(build.path("dockerfile").asText("Dockerfile"))),
                        entry.getKey() + " Dockerfile exists");
            }
        });
    }


    private static Map<String, String> pomProperties() throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(HOME.resolve("pom.xml").toFile()).getDocumentElement();
        Element properties = (Element) root.getElementsByTagName("properties").item(0);
        Map<String, String> map = new HashMap<>();
        for (Node node = properties.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                map.put(element.getTagName(), element.getTextContent().trim());
            }
        }
        return map;
    }
}
