package io.lakehouse.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's headless Chromium, run as a command: the page's DOM after its scripts ran (a virtual-time budget lets
 * single-page apps fetch and render), and a screenshot kept under {@code target/ui-screenshots/} as a test artifact.
 */
final class HeadlessChromium {
    private static final Pattern SCRIPTS_AND_STYLES = Pattern.compile("(?s)<(style|script)[^>]*>.*?</\\1>");
    private static final Pattern TAGS = Pattern.compile("<[^>]+>");
    private static final Pattern SPACE = Pattern.compile("(\\s|&nbsp;)+");

    private final Path binary;
    private final Path screenshots;
    private final Path profile;

    private HeadlessChromium(Path binary, Path screenshots, Path profile) {
        this.binary = binary;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    /** Finds {@code chromium} on the PATH; .ci/run installs Debian's package. */
    static HeadlessChromium find() throws Exception {
        Path screenshots = screenshotDir();
        return new HeadlessChromium(binary(), screenshots, screenshots.resolveSibling("chromium-profile"));
    }

    /** The {@code chromium} binary on the PATH (.ci/run installs Debian's package). */
    static Path binary() {
        return Stream.of(System.getenv("PATH").split(":"))
                .flatMap(dir -> Stream.of(Path.of(dir, "chromium"), Path.of(dir, "chromium-browser")))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("no chromium on the PATH; install Debian's: apt-get install chromium"));
    }

    /** Where the UI tests keep their screenshots: integration-tests/target/ui-screenshots. */
    static Path screenshotDir() throws java.io.IOException {
        return Files.createDirectories(
                Path.of(System.getProperty("lakehouse.home"), "integration-tests/target/ui-screenshots"));
    }

    /**
     * The same browser with an empty profile of its own (no cookies from earlier pages): a visitor who has not
     * logged in anywhere.
     */
    HeadlessChromium withFreshProfile(String name) throws Exception {
        Path fresh = screenshots.resolveSibling("chromium-profile-" + name);
        if (Files.exists(fresh)) {
            try (Stream<Path> files = Files.walk(fresh)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return new HeadlessChromium(binary, screenshots, fresh);
    }

    /** The rendered DOM of the page. */
    String dom(String url) throws Exception {
        return run(List.of("--dump-dom", url));
    }

    /** The rendered page as visible text (no markup, styles or scripts), whitespace collapsed. */
    String text(String url) throws Exception {
        String dom = SCRIPTS_AND_STYLES.matcher(dom(url)).replaceAll(" ");
        return SPACE.matcher(TAGS.matcher(dom).replaceAll(" ")).replaceAll(" ").trim();
    }

    /** Saves a screenshot of the page as {@code target/ui-screenshots/<name>.png} and returns its path. */
    Path screenshot(String url, String name) throws Exception {
        Path file = screenshots.resolve(name + ".png");
        Files.deleteIfExists(file);
        run(List.of("--window-size=1400,900", "--screenshot=" + file, url));
        assertTrue(Files.size(file) > 10_000, "screenshot of " + url + " is empty: " + file);
        return file;
    }

    private String run(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--virtual-time-budget=10000",
                "--user-data-dir=" + profile));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "chromium did not finish: " + arguments);
        assertEquals(0, process.exitValue(), "chromium failed on " + arguments);
        return output;
    }
}
