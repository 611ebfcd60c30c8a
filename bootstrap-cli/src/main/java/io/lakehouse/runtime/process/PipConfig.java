package io.lakehouse.runtime.process;

import io.lakehouse.runtime.BoundedCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * This machine's pip settings (pip.conf files and {@code PIP_*} variables, as pip itself merges them with
 * {@code pip config list}), handed to uv, which reads neither: a host whose packages come through its own index or
 * a TLS-inspecting proxy says so once, for pip, and uv follows.
 */
public record PipConfig(Map<String, String> values) {
    // pip config list prints one merged setting a line: section.key='value', the environment as ":env:"
    private static final Pattern LINE = Pattern.compile("^(:env:|[\\w-]+)\\.([\\w-]+)='(.*)'$");
    // the environment overrides the install section, which overrides the global one (pip's own order)
    private static final List<String> PRECEDENCE = List.of("global", "install", ":env:");

    public PipConfig {
        values = Map.copyOf(requireNonNull(values, "values"));
    }

    /** The settings the pip of {@code python} sees; none when it cannot tell (pip then has none to honour either). */
    public static PipConfig read(Path python) throws InterruptedException {
        try {
            BoundedCommand.Result result = BoundedCommand.run(Duration.ofSeconds(60),
                    List.of(python.toString(), "-m", "pip", "config", "list"));
            return result.ok() ? parse(result.output()) : new PipConfig(Map.of());
        } catch (IOException e) {
            return new PipConfig(Map.of());
        }
    }

    static PipConfig parse(String listed) {
        Map<String, Map<String, String>> bySection = new LinkedHashMap<>();
        for (String line : listed.split("\\R")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                bySection.computeIfAbsent(m.group(1), s -> new LinkedHashMap<>()).put(m.group(2), m.group(3));
            }
        }
        Map<String, String> merged = new LinkedHashMap<>();
        PRECEDENCE.forEach(section -> merged.putAll(bySection.getOrDefault(section, Map.of())));
        return new PipConfig(merged);
    }

    /**
     * uv's options for the settings that hold no secret (find-links, trusted hosts, CA bundle); the index URLs,
     * which may carry a user and token, go in {@link #uvEnvironment()}: never on a command line.
     */
    public List<String> uvArguments() {
        List<String> arguments = new ArrayList<>();
        each("find-links").forEach(place -> arguments.addAll(List.of("--find-links", place)));
        each("trusted-host").forEach(host -> arguments.addAll(List.of("--allow-insecure-host", host)));
        // pip's cert replaces the CA bundle for every request; uv's --cert is the same thing
        value("cert").ifPresent(file -> arguments.addAll(List.of("--cert", file)));
        value("no-index").filter(PipConfig::yes).ifPresent(yes -> arguments.add("--no-index"));
        return arguments;
    }

    /** uv's variables: the indexes (URLs may hold credentials), and what uv takes only so (timeout, proxy). */
    public Map<String, String> uvEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        value("index-url").ifPresent(url -> environment.put("UV_DEFAULT_INDEX", url));
        List<String> extra = each("extra-index-url");
        if (!extra.isEmpty()) {
            environment.put("UV_INDEX", String.join(" ", extra));   // uv: a space-separated list
        }
        value("default-timeout").or(() -> value("timeout"))
                .ifPresent(seconds -> environment.put("UV_HTTP_TIMEOUT", seconds.replaceAll("\\.0+$", "")));
        value("proxy").ifPresent(proxy -> {
            environment.put("HTTP_PROXY", proxy);
            environment.put("HTTPS_PROXY", proxy);
        });
        return environment;
    }

    private Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    private List<String> each(String key) {
        return value(key).map(v -> Arrays.asList(v.trim().split("\\s+"))).orElse(List.of());
    }

    private static boolean yes(String value) {
        return List.of("1", "true", "yes", "on").contains(value.toLowerCase(java.util.Locale.ROOT));
    }
}
