package io.lakehouse.seed.files;

import org.apache.iceberg.catalog.Catalog;

import java.io.IOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * {@code lakehouse load}: a user's files (or directories of them) into one table, as a {@link LoadPlan} decided
 * first, then one all-or-nothing load. Each file is its own source: reloading it replaces its rows.
 */
public final class UserFileLoad {
    /** The plan that was carried out and what each file did. */
    public record Result(LoadPlan plan, List<SourceCounts> files) {
        public long recordsIn() {
            return files.stream().mapToLong(SourceCounts::recordsIn).sum();
        }

        public long landed() {
            return files.stream().mapToLong(SourceCounts::landed).sum();
        }

        public long quarantined() {
            return files.stream().mapToLong(SourceCounts::quarantined).sum();
        }
    }

    private UserFileLoad() {
    }

    public static Result load(Catalog catalog, LoadPlan plan, LoadProgress progress) throws IOException {
        requireNonNull(catalog, "catalog");
        if (plan.files().isEmpty()) {
            return new Result(plan, List.of()); // only empty files: nothing to write, no table created
        }
        FileLoader loader = new FileLoader(catalog, progress);
        List<FileLoader.Job> jobs = plan.files().stream().map(f -> new FileLoader.Job(f.file(), f.schema(),
                f.file().toAbsolutePath().normalize().toString())).toList();
        return new Result(plan, loader.loadAll(plan.table(), jobs));
    }
}
