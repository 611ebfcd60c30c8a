package io.lakehouse.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Renders the config templates of {@code compose/<service>/}: {@code ${UPPER_SNAKE}} placeholders are ours and must
 * be known; everything else ({@code ${hadoop.tmp.dir}}, {@code ${sys:...}}) belongs to the service and is left alone.
 * The docker images render the same files with the same rule.
 */
public final class TemplateRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    /** Files of a config folder that are not config: the image build, scripts and docs. */
    private static final Set<String> NOT_CONFIG = Set.of("Dockerfile", ".dockerignore", "README.md");

    private final Map<String, String> variables;

    public TemplateRenderer(Map<String, String> variables) {
        this.variables = Map.copyOf(requireNonNull(variables, "variables"));
    }

    public String render(String template, String source) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(source + " uses ${" + matcher.group(1)
                        + "}, which the runtime does not define; known: " + String.join(", ", variables.keySet()));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public List<String> render(List<String> templates, String source) {
        return templates.stream().map(t -> render(t, source)).toList();
    }

    /**
     * Renders every config file of {@code templates} into {@code target}, subfolders included (owner-only, folders
     * too: some hold credentials). A file is written byte for byte as rendered: no newline is added at its end.
     */
    public void renderFolder(Path templates, Path target) throws IOException {
        Files.createDirectories(target);
        OwnerOnly.restrict(target);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(templates)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !NOT_CONFIG.contains(f.getFileName().toString()))
                    .filter(f -> !f.getFileName().toString().endsWith(".sh"))
                    .toList();
        }
        for (Path file : files) {
            Path out = target.resolve(templates.relativize(file).toString());
            for (Path dir = out.getParent(); !dir.equals(target); dir = dir.getParent()) {
                Files.createDirectories(dir);
                OwnerOnly.restrict(dir);
            }
            String rendered = render(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            Files.writeString(out, rendered, StandardCharsets.UTF_8);
            OwnerOnly.restrict(out);
        }
    }
}
