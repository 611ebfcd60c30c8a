package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ServiceDefinition;

import io.lakehouse.runtime.process.PythonLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import io.lakehouse.stack.ServiceCatalog;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Builds the project's images, one per config folder ({@code lakehouse/<folder>:<pinned version>}), from
 * {@code compose/<folder>/Dockerfile} with the repository root as context: the Debian base (made locally when it
 * cannot be pulled), a Debian JRE, the same assembled service folder the local runtime runs, and the CLI.
 */
public final class ImageBuilder {
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");

    private final StackLayout layout;
    private final Optional<Double> cpus;
    private final Consumer<String> progress;
    private static final String INPUTS_LABEL = "io.lakehouse.inputs";
    private static final long CPU_PERIOD_US = 100_000;

    private final DockerCli docker = new DockerCli();
    private final Function<String, String> distributionOf;

    public ImageBuilder(StackLayout layout, ServiceCatalog catalog, Consumer<String> progress) {
        this(layout, catalog, progress, Optional.empty());
    }

    /**
     * {@code cpus}: at most this many CPUs for the build steps (the classic builder's CFS quota, the images built
     * one at a time), so that images can be built beside a running stack without starving it; empty, no limit.
     */
    public ImageBuilder(StackLayout layout, ServiceCatalog catalog, Consumer<String> progress, Optional<Double> cpus) {
        this.layout = requireNonNull(layout, "layout");
        this.cpus = requireNonNull(cpus, "cpus");
        requireNonNull(progress, "progress");
        // images build in parallel: one line at a time reaches the display
        this.progress = line -> {
            synchronized (progress) {
                progress.accept(line);
            }
        };
        this.distributionOf = name -> catalog.get(name).local().distribution();
    }

    /** The images the given services run, each once. */
    public List<ImageSpec> images(List<ServiceDefinition> services) {
        Map<String, List<String>> servicesByFolder = new LinkedHashMap<>();
        Map<String, ServiceDefinition> firstByFolder = new LinkedHashMap<>();
        for (ServiceDefinition service : services) {
            servicesByFolder.computeIfAbsent(service.configFolder(), f -> new ArrayList<>()).add(service.name());
            firstByFolder.putIfAbsent(service.configFolder(), service);
        }
        List<ImageSpec> images = new ArrayList<>();
        firstByFolder.forEach((folder, service) -> {
            ServiceImage build = ServiceImage.of(service);
            Path dockerfile = layout.home().resolve(build.dockerfile());
            images.add(new ImageSpec(tag(service), servicesByFolder.get(folder), dockerfile, build,
                    baseImage(dockerfile, build)));
        });
        return images;
    }

    public static String tag(ServiceDefinition service) {
        return repository(service) + ":" + service.version();
    }

    static String repository(ServiceDefinition service) {
        return "lakehouse/" + service.configFolder();
    }

    /** Present and built from the current inputs (service folder, CLI, Dockerfile, entrypoint, healthcheck, venv script). */
    public boolean upToDate(ImageSpec image) {
        DockerCli.Result label = docker.run(30, List.of("image", "inspect", "--format",
                "{{index .Config.Labels \"" + INPUTS_LABEL + "\"}}", image.tag()));
        return label.ok() && label.lastLine().equals(fingerprint(image));
    }

    /**
     * A digest of what goes into an image: the Dockerfile, the entrypoint, the healthcheck, the CLI and its JVM
     * options by content; the service folder by relative file names and sizes (its files change name with their version). Independent of where the
     * project is cloned, so a second clone reuses the images.
     */
    String fingerprint(ImageSpec image) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : List.of(image.dockerfile(), layout.composeDir().resolve("lakehouse-entrypoint.sh"),
                    layout.composeDir().resolve("lakehouse-health.sh"),
                    layout.composeDir().resolve("python-venv.sh"),
                    layout.home().resolve("bootstrap-cli/cli-jvm.options"),
                    layout.home().resolve("bootstrap-cli/target/lakehouse-all.jar"))) {
                digest.update(Files.readAllBytes(file));
            }
            digest.update(image.build().arguments().toString().getBytes(StandardCharsets.UTF_8));
            for (String service : image.services().stream().map(distributionOf).distinct().toList()) {
                Path dist = layout.distribution(service);
                try (Stream<Path> files = Files.walk(dist)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update((dist.relativize(file) + ":" + Files.size(file) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unknown-" + System.nanoTime();
        }
    }

    /**
     * Builds the images that are missing (all of them with {@code rebuild}); returns those it built. The first image
     * over each base is built alone, so the layers the others share (the Debian JRE, the user) are made once and
     * come from the cache after; the rest are built {@link #parallelBuilds} at a time. A failure stops what has not
     * begun, lets what runs finish, and names the image and the step.
     */
    public List<ImageSpec> build(List<ServiceDefinition> services, boolean rebuild) {
        requireBuildInputs(services);
        List<ImageSpec> images = images(services);
        List<ImageSpec> todo = images.stream().filter(image -> rebuild || !upToDate(image)).toList();
        BaseImages bases = new BaseImages(docker, progress);
        todo.stream().map(ImageSpec::baseImage).distinct().forEach(bases::ensure);
        for (ImageSpec image : todo) {
            image.services().stream().map(distributionOf).distinct().map(layout::distribution)
                    .filter(dist -> Files.isRegularFile(dist.resolve(PythonLock.REQUIREMENTS)))
                    .forEach(dist -> new Wheelhouse(dist, progress).ensure());
        }
        Map<String, ImageSpec> firstPerBase = new LinkedHashMap<>();
        todo.forEach(image -> firstPerBase.putIfAbsent(image.baseImage(), image));
        List<ImageSpec> rest = todo.stream().filter(image -> !firstPerBase.containsValue(image)).toList();
        java.util.concurrent.atomic.AtomicInteger index = new java.util.concurrent.atomic.AtomicInteger();
        for (ImageSpec image : firstPerBase.values()) {
            build(image, index.incrementAndGet(), todo.size());
        }
        int parallel = cpus.isPresent() ? 1 : parallelBuilds(); // a CPU limit holds for all builds together
        if (!rest.isEmpty()) {
            progress.accept(rest.size() + " more image(s), " + parallel + " at a time");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        try {
            List<java.util.concurrent.Future<?>> builds = new ArrayList<>();
            for (ImageSpec image : rest) {
                builds.add(pool.submit(() -> build(image, index.incrementAndGet(), todo.size())));
            }
            RuntimeException first = null;
            for (java.util.concurrent.Future<?> build : builds) {
                try {
                    build.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                        builds.forEach(b -> b.cancel(false)); // what has not begun does not begin
                    }
                } catch (java.util.concurrent.CancellationException e) {
                    // cancelled after the first failure
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ImageBuildException("interrupted while building images", List.of());
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdown();
        }
        if (!todo.isEmpty()) {
            // the images these replaced, now untagged: only ours (by label), never anything else
            docker.run(120, List.of("image", "prune", "--force", "--filter", "label=" + INPUTS_LABEL));
        }
        return todo;
    }

    /**
     * How many images build at once after the first over each base: {@code LAKEHOUSE_IMAGE_BUILDS} where set, else
     * the machine's cores (at least 2: a build waits on the mirror and the disk as much as on a core).
     */
    static int parallelBuilds() {
        String given = System.getenv("LAKEHOUSE_IMAGE_BUILDS");
        if (given != null && given.matches("[1-9][0-9]?")) {
            return Integer.parseInt(given);
        }
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    private void build(ImageSpec image, int index, int count) {
        String prefix = "[" + index + "/" + count + "] " + image.tag();
        progress.accept(prefix + ": building (for " + String.join(", ", image.services()) + ")");
        long began = System.nanoTime();
        String[] step = {"before the first step"};
        Path context = new ImageContext(layout.home(), layout.home().resolve("bootstrap-cli/target/image-contexts"))
                .make(image.name(), image.dockerfile(), image.build()::substitute);
        // --force-rm: a failed step's container goes too (the classic builder keeps it otherwise)
        List<String> command = new ArrayList<>(List.of("build", "--force-rm", "-f", image.dockerfile().toString()));
        cpus.ifPresent(limit -> command.addAll(List.of("--cpu-period", Long.toString(CPU_PERIOD_US),
                "--cpu-quota", Long.toString(Math.max(1000, Math.round(limit * CPU_PERIOD_US))))));
        image.build().arguments().forEach((name, value) -> command.addAll(List.of("--build-arg", name + "=" + value)));
        command.addAll(List.of("--label", INPUTS_LABEL + "=" + fingerprint(image), "-t", image.tag(),
                context.toString()));
        DockerCli.Result result = docker.run(1800, command, line -> {
            Matcher m = STEP.matcher(line);
            if (m.matches()) {
                step[0] = "step " + m.group(1) + "/" + m.group(2) + " (" + shorten(m.group(3)) + ")";
                progress.accept(prefix + ": " + step[0]);
            }
        });
        if (!result.ok()) {
            throw new ImageBuildException("the image " + image.tag() + " (" + String.join(", ", image.services())
                    + ") failed at " + step[0] + ": " + result.lastLine(), result.tail(15));
        }
        progress.accept(String.format("%s: built in %.1f s, %s", prefix, (System.nanoTime() - began) / 1e9,
                size(image.tag()).orElse("size unknown")));
    }

    public Optional<String> size(String tag) {
        DockerCli.Result result = docker.run(30, List.of("image", "inspect", "--format", "{{.Size}}", tag));
        if (!result.ok()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(result.lastLine()) / (1000 * 1000) + " MB");
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The images carry what Maven assembled: fail early, with the fix, when it has not been built. */
    private void requireBuildInputs(List<ServiceDefinition> services) {
        List<String> missing = new ArrayList<>();
        Path cli = layout.home().resolve("bootstrap-cli/target/lakehouse-all.jar");
        if (!Files.isRegularFile(cli)) {
            missing.add(cli.toString());
        }
        services.stream().map(s -> layout.distribution(s.local().distribution())).distinct()
                .filter(dist -> !Files.isDirectory(dist)).forEach(dist -> missing.add(dist.toString()));
        if (!missing.isEmpty()) {
            throw new ImageBuildException("the images need the assembled service folders and the CLI, missing: "
                    + String.join(", ", missing) + "; build them with './mvnw -DskipTests package' "
                    + "(./lakehouse does it on first run)", List.of());
        }
    }

    private static String baseImage(Path dockerfile, ServiceImage build) {
        try {
            Matcher m = FROM.matcher(build.substitute(Files.readString(dockerfile)));
            if (!m.find()) {
                throw new IllegalStateException(dockerfile + " has no FROM line");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 59) + "…" : text;
    }
}
