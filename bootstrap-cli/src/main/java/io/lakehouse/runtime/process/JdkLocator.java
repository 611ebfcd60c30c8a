package io.lakehouse.runtime.process;

import io.lakehouse.stack.JdkRequirement;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds Java installations by looking, never by a fixed path: the JDK running the CLI, {@code JAVA_HOME}, and the
 * usual install roots ({@code /usr/lib/jvm}, {@code /opt/java}, SDKMAN, {@code ~/.jdks}, macOS). Each is identified
 * by its {@code release} file.
 */
public final class JdkLocator {
    private final List<Jdk> found;
    private final List<Path> searched;

    private JdkLocator(List<Jdk> found, List<Path> searched) {
        this.found = List.copyOf(found);
        this.searched = List.copyOf(searched);
    }

    public static JdkLocator scan() {
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("user.home");
        roots.add(Path.of("/usr/lib/jvm"));
        roots.add(Path.of("/usr/java"));
        roots.add(Path.of("/opt/java"));
        roots.add(Path.of("/Library/Java/JavaVirtualMachines"));
        roots.add(Path.of(home, ".sdkman", "candidates", "java"));
        roots.add(Path.of(home, ".jdks"));
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> children = Files.list(root)) {
                    children.forEach(child -> {
                        candidates.add(child);
                        candidates.add(child.resolve("Contents/Home"));
                    });
                } catch (IOException ignored) {
                    // an unreadable root holds nothing we can use
                }
            }
        }
        Map<Path, Jdk> unique = new LinkedHashMap<>();
        for (Path candidate : candidates) {
            identify(candidate).ifPresent(jdk -> unique.putIfAbsent(jdk.home(), jdk));
        }
        List<Path> searched = new ArrayList<>(roots);
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(searched::add);
        return new JdkLocator(new ArrayList<>(unique.values()), searched);
    }

    static Optional<Jdk> identify(Path home) {
        try {
            Path real = home.toRealPath();
            Path release = real.resolve("release");
            if (!Files.isRegularFile(release) || !Files.isExecutable(real.resolve("bin/java"))) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(release)) {
                properties.load(reader);
            }
            String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
            if (version.isEmpty()) {
                return Optional.empty();
            }
            String first = version.split("[.+-]")[0];
            int feature = Integer.parseInt(first.equals("1") ? version.split("\\.")[1] : first);
            return Optional.of(new Jdk(real, feature, version));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public List<Jdk> all() {
        return found;
    }

    /** The JDK running the CLI when it fits; otherwise the oldest fitting release found (the most conservative). */
    public Optional<Jdk> find(JdkRequirement requirement) {
        Path current;
        try {
            current = Path.of(System.getProperty("java.home")).toRealPath();
        } catch (IOException e) {
            current = Path.of(System.getProperty("java.home"));
        }
        Path running = current;
        return found.stream()
                .filter(jdk -> requirement.accepts(jdk.feature()))
                .min(Comparator.comparing((Jdk jdk) -> !jdk.home().equals(running)).thenComparingInt(Jdk::feature));
    }

    /** One line saying what is needed, what was found and where we looked: the message for a missing JDK. */
    public String explainMissing(JdkRequirement requirement) {
        String seen = found.isEmpty() ? "none"
                : String.join(", ", found.stream().map(j -> j.feature() + " (" + j.home() + ")").toList());
        return requirement + " is needed but not found (found: " + seen + "; looked in JAVA_HOME and "
                + String.join(", ", searched.stream().map(Path::toString).toList())
                + "); install one, e.g. 'apt-get install openjdk-" + requirement.minimum() + "-jdk-headless', "
                + "or point JAVA_HOME at it";
    }
}
