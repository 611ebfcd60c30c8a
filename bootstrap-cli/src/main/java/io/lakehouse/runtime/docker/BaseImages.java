package io.lakehouse.runtime.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian base images the Dockerfiles start from. Where one is missing and cannot be pulled (no registry
 * reachable, as on air-gapped hosts), it is made locally from Debian's packages with {@code debootstrap} and
 * {@code docker import}, under the official name, so the same {@code FROM debian:bookworm-slim} works everywhere.
 */
final class BaseImages {
    private static final Pattern DEBIAN = Pattern.compile("debian:([a-z]+)-slim");
    /** What the official slim images leave out, kept out of later package installs too. */
    private static final String DPKG_EXCLUDES = """
            path-exclude /usr/share/doc/*
            path-include /usr/share/doc/*/copyright
            path-exclude /usr/share/man/*
            path-exclude /usr/share/groff/*
            path-exclude /usr/share/info/*
            path-exclude /usr/share/locale/*
            path-include /usr/share/locale/locale.alias
            """;

    private final DockerCli docker;
    private final Consumer<String> progress;

    BaseImages(DockerCli docker, Consumer<String> progress) {
        this.docker = docker;
        this.progress = progress;
    }

    void ensure(String image) {
        if (docker.imageExists(image)) {
            return;
        }
        progress.accept(image + ": not present, trying to pull it");
        DockerCli.Result pull = docker.run(300, List.of("pull", image));
        if (pull.ok()) {
            return;
        }
        Matcher debian = DEBIAN.matcher(image);
        if (!debian.matches()) {
            throw new ImageBuildException(image + " is missing and cannot be pulled (" + pull.lastLine()
                    + "); load it with 'docker load' or make it available", pull.tail(10));
        }
        progress.accept(image + ": cannot be pulled (" + pull.lastLine() + "); making it from Debian's packages "
                + "with debootstrap and docker import, under the official name");
        debootstrap(debian.group(1), image);
    }

    private void debootstrap(String suite, String image) {
        if (!DockerEngine.onPath("debootstrap")) {
            throw new ImageBuildException("making " + image + " needs debootstrap: 'apt-get install debootstrap' "
                    + "(or provide the image with 'docker load')", List.of());
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new ImageBuildException("making " + image + " with debootstrap needs root: run 'sudo "
                    + "lakehouse images' once (or provide the image with 'docker load')", List.of());
        }
        String mirror = DebianMirror.find(System::getenv, Path.of("/etc/apt")).orElseThrow(() ->
                new ImageBuildException("making " + image + " needs a Debian mirror, and this machine's APT "
                        + "configuration (/etc/apt/sources.list, sources.list.d/*.sources) names none: set "
                        + DebianMirror.VARIABLE + " to one", List.of()));
        Path root = null;
        try {
            root = Files.createTempDirectory("lakehouse-rootfs-" + suite);
            DockerCli.Result bootstrap = DockerCli.exec(900, List.of("debootstrap", "--variant=minbase", suite,
                    root.toString(), mirror));
            if (!bootstrap.ok()) {
                throw new ImageBuildException("debootstrap of " + suite + " from " + mirror + " failed",
                        bootstrap.tail(15));
            }
            Path dpkg = root.resolve("etc/dpkg/dpkg.cfg.d");
            Files.createDirectories(dpkg);
            Files.writeString(dpkg.resolve("lakehouse-slim"), DPKG_EXCLUDES);
            DockerCli.Result slim = DockerCli.exec(120, List.of("sh", "-c", "cd '" + root + "' && rm -rf "
                    + "var/cache/apt/archives/*.deb var/lib/apt/lists/* usr/share/doc/* usr/share/man/* "
                    + "usr/share/info/* usr/share/locale/*"));
            if (!slim.ok()) {
                throw new ImageBuildException("cannot trim the " + suite + " root file system", slim.tail(10));
            }
            DockerCli.Result imported = DockerCli.exec(300, List.of("sh", "-c", "tar -C '" + root
                    + "' -c . | docker import -c 'CMD [\"bash\"]' - " + image));
            if (!imported.ok()) {
                throw new ImageBuildException("docker import of " + image + " failed", imported.tail(10));
            }
            progress.accept(image + ": made locally from Debian " + suite);
        } catch (IOException e) {
            throw new ImageBuildException("cannot make " + image + ": " + e.getMessage(), List.of());
        } finally {
            if (root != null) {
                DockerCli.exec(120, List.of("rm", "-rf", root.toString()));
            }
        }
    }
}
