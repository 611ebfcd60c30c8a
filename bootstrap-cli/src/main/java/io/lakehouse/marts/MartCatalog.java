package io.lakehouse.marts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The marts of the project, read from {@code <home>/marts}: one {@code trino/<name>.sql} and one
 * {@code starrocks/<name>.sql} per mart (files starting with {@code _} are set-up, not marts). A mart defined for
 * one engine only is an error: the two engines must serve the same marts.
 */
public final class MartCatalog {
    private final Path root;
    private final List<Mart> marts;

    private MartCatalog(Path root, List<Mart> marts) {
        this.root = root;
        this.marts = List.copyOf(marts);
    }

    public static MartCatalog load(Path home) {
        Path root = home.resolve("marts");
        List<String> trino = names(root.resolve("trino"));
        List<String> starRocks = names(root.resolve("starrocks"));
        if (!trino.equals(starRocks)) {
            throw new IllegalStateException("marts/trino " + trino + " and marts/starrocks " + starRocks
                    + " must define the same marts");
        }
        List<Mart> marts = new ArrayList<>();
        for (String name : trino) {
            marts.add(new Mart(name, root.resolve("trino").resolve(name + ".sql"),
                    root.resolve("starrocks").resolve(name + ".sql")));
        }
        return new MartCatalog(root, marts);
    }

    public List<Mart> all() {
        return marts;
    }

    /** StarRocks' set-up before its marts (the external Iceberg catalog, the database). */
    public Path starRocksSetup() {
        return root.resolve("starrocks").resolve("_catalog.sql");
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".sql") && !n.startsWith("_"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mart definitions in " + dir, e);
        }
    }
}
