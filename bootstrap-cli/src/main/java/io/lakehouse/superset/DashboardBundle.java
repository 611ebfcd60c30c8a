package io.lakehouse.superset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Superset's export format kept as files in the repository ({@code asset/superset/dashboard/}: metadata.yaml,
 * databases/, datasets/, charts/, dashboards/), zipped for import. The one thing that depends on where it is
 * imported is the database: its file's {@code uuid} and {@code sqlalchemy_uri} are replaced with those of the live
 * connection (whose uuid Superset chose when the connection was made), and every reference to the repository's
 * database uuid follows. Superset re-links datasets, charts and the dashboard by uuid on import.
 */
public final class DashboardBundle {
    private static final Pattern TOP_LEVEL_UUID = Pattern.compile("(?m)^uuid: *(\\S+)\\s*$");
    private static final Pattern URI = Pattern.compile("(?m)^sqlalchemy_uri: *.*$");

    private final Path folder;

    public DashboardBundle(Path folder) {
        this.folder = requireNonNull(folder, "folder");
    }

    public Path folder() {
        return folder;
    }

    /** The zip to import: every file under the folder, in a top-level folder as Superset's exports have. */
    public byte[] zip(String databaseUuid, String sqlalchemyUri) {
        if (!Files.isRegularFile(folder.resolve("metadata.yaml"))) {
            throw new IllegalStateException("no Superset bundle at " + folder + " (metadata.yaml missing); "
                    + "run from the project folder or set LAKEHOUSE_HOME");
        }
        try {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            }
            List<Path> databases = files.stream().filter(f -> folder.relativize(f).startsWith("databases")).toList();
            if (databases.size() != 1) {
                throw new IllegalStateException(folder + "/databases must hold exactly one database, found "
                        + databases.size());
            }
            Matcher declared = TOP_LEVEL_UUID.matcher(Files.readString(databases.get(0)));
            if (!declared.find()) {
                throw new IllegalStateException(databases.get(0) + " has no top-level uuid");
            }
            String repositoryUuid = declared.group(1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Path file : files) {
                    String text = Files.readString(file, StandardCharsets.UTF_8).replace(repositoryUuid, databaseUuid);
                    if (databases.contains(file)) {
                        text = URI.matcher(text).replaceFirst(Matcher.quoteReplacement("sqlalchemy_uri: " + sqlalchemyUri));
                    }
                    zip.putNextEntry(new ZipEntry("lakehouse_bundle/" + folder.relativize(file).toString().replace('\\', '/')));
                    zip.write(text.getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Superset bundle " + folder, e);
        }
    }
}
