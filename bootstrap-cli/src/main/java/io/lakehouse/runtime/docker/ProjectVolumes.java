package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.OwnerOnly;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The compose project's named volumes, and whether this state directory made them. A volume holds data made with
 * the credentials of the state directory whose {@code up} created it: another one's secrets do not open it (Superset's
 * admin, the metastore's database login) and its tables and connectors are another stack's. The repository's own
 * {@code .lakehouse} is compose project {@code lakehouse} in every clone, so a second clone, or the same one after
 * {@code rm -rf .lakehouse}, would find the first one's volumes.
 * <p>
 * {@code up} records each volume it saw with the engine's creation time ({@value #FILE} in the state directory); a
 * later {@code up} refuses, before it changes anything, volumes this directory cannot have made: any, when it has no
 * secrets yet (it would generate new ones), and any recorded whose creation time changed (made again elsewhere).
 * A directory with secrets but no record (made before the record existed) takes the volumes as its own.
 * <p>
 * The engine's creation time of a local volume moves once, when a container first mounts it (the image's content
 * is copied in, and the volume's directory takes its owner). So an {@code up} that is about to create a service's
 * container drops that service's volumes from the record first ({@link #forget}), after its preflight accepted them:
 * an {@code up} cut short between the container's creation and the record (the engine stopped, the CLI killed)
 * leaves them unrecorded, hence this directory's, rather than recorded with a time that no longer matches.
 */
final class ProjectVolumes {
    static final String FILE = "docker-volumes.properties";
    private static final String PROJECT_LABEL = "com.docker.compose.project";

    private final String project;
    private final Path record;
    private final DockerCli docker;

    ProjectVolumes(String project, Path stateDir, DockerCli docker) {
        this.project = project;
        this.record = stateDir.resolve(FILE);
        this.docker = docker;
    }

    /** The project's volumes by name, each with the engine's creation time. */
    Map<String, String> present() {
        DockerCli.Result names = docker.run(60, List.of("volume", "ls", "-q", "--filter",
                "label=" + PROJECT_LABEL + "=" + project));
        if (!names.ok()) {
            throw new IllegalStateException("docker volume ls failed: " + names.lastLine());
        }
        List<String> volumes = names.lines().stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        Map<String, String> created = new TreeMap<>();
        if (volumes.isEmpty()) {
            return created;
        }
        List<String> inspect = new ArrayList<>(List.of("volume", "inspect", "--format", "{{.Name}} {{.CreatedAt}}"));
        inspect.addAll(volumes);
        DockerCli.Result details = docker.run(60, inspect);
        if (!details.ok()) {
            throw new IllegalStateException("docker volume inspect failed: " + details.lastLine());
        }
        for (String line : details.lines()) {
            int space = line.indexOf(' ');
            if (space > 0) {
                created.put(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return created;
    }

    /**
     * The problem, when {@code present} volumes are not this state directory's; empty when they are (or there are
     * none).
     *
     * @param hasSecrets whether the state directory already has its secrets file
     */
    java.util.Optional<String> foreign(Map<String, String> present, boolean hasSecrets) {
        if (present.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, String> recorded = recorded();
        List<String> foreign = new ArrayList<>();
        present.forEach((name, created) -> {
            if (!hasSecrets || (recorded.containsKey(name) && !recorded.get(name).equals(created))) {
                foreign.add(name + " (created " + created + ")");
            }
        });
        if (foreign.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the compose project '" + project + "' has " + foreign.size() + " volume(s) "
                + "this state directory did not make: " + String.join(", ", foreign.subList(0, Math.min(4,
                foreign.size()))) + (foreign.size() > 4 ? ", …" : "") + "; they hold another stack's data, made "
                + "with other credentials" + (hasSecrets ? "" : " (this directory has none yet)") + ". Fix: "
                + "'./lakehouse down --purge' in the directory that made them, or here with "
                + "'./lakehouse down --purge --runtime docker' (their data is lost), or give this stack a project "
                + "of its own with LAKEHOUSE_COMPOSE_PROJECT=NAME");
    }

    /** Records the project's volumes as this state directory's (after its {@code up} made or used them). */
    void recordAsOurs(Map<String, String> present) {
        if (present.isEmpty()) {
            return;
        }
        Map<String, String> merged = new TreeMap<>(recorded());
        merged.putAll(present);
        write(merged);
    }

    private void write(Map<String, String> volumes) {
        Properties properties = new Properties();
        properties.putAll(volumes);
        try {
            Path temp = record.resolveSibling(FILE + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(out, "the compose project '" + project + "' volumes this state directory's up "
                        + "made or used, with the engine's creation time (a volume made again elsewhere differs)");
            }
            OwnerOnly.restrict(temp);
            Files.move(temp, record, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + record + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops {@code names} from the record, before a container first mounts them (which moves their creation time);
     * the {@code up} that mounts them records them again.
     */
    void forget(java.util.Collection<String> names) {
        Map<String, String> kept = new TreeMap<>(recorded());
        if (!kept.keySet().removeAll(names)) {
            return;
        }
        write(kept);
    }

    private Map<String, String> recorded() {
        Map<String, String> recorded = new TreeMap<>();
        if (!Files.isRegularFile(record)) {
            return recorded;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + record + ": " + e.getMessage(), e);
        }
        properties.stringPropertyNames().forEach(name -> recorded.put(name, properties.getProperty(name)));
        return recorded;
    }
}
