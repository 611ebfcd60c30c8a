package io.lakehouse.jobs.flink;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hive.HiveCatalog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Iceberg's HiveCatalog that hands out a table it loaded less than {@link #REUSE_FOR} ago again, instead of loading
 * it anew: the catalog of the streaming jobs ({@link LakehouseCatalog}).
 *
 * <p>Why: Iceberg's Flink committer loads its table after every completed checkpoint
 * ({@code IcebergFilesCommitter.notifyCheckpointComplete}, Iceberg 1.11), data or not. With a checkpoint a second and
 * five bronze tables, a stack at rest made five metastore calls and read five metadata files a second, for as long
 * as it ran (docs/where-the-time-goes.md, "A stack at rest").
 *
 * <p>Why the rows stay exactly as they were: a table handed out again is as fresh as its last commit, since every
 * Iceberg commit refreshes the table's operations from the metastore before it writes (and fails on a conflict, as
 * before). A committer that starts, or starts again after a failure, loads its table through a catalog instance of
 * its own, made anew from the job's serialized loader, so the checkpoint id it recovers from is read from the current
 * metadata. What can be up to {@link #REUSE_FOR} old is only what the committer reads between commits without
 * refreshing: the table's properties and schema, which the running jobs do not change.
 */
public class ReusingHiveCatalog extends HiveCatalog {
    static final Duration REUSE_FOR = Duration.ofSeconds(60);

    private record Loaded(Table table, long atNanos) {
    }

    private final Map<TableIdentifier, Loaded> loaded = new ConcurrentHashMap<>();

    @Override
    public Table loadTable(TableIdentifier identifier) {
        long now = System.nanoTime();
        Loaded recent = loaded.get(identifier);
        if (recent != null && now - recent.atNanos() < REUSE_FOR.toNanos()) {
            return recent.table();
        }
        Table table = super.loadTable(identifier);
        loaded.put(identifier, new Loaded(table, now));
        return table;
    }

    @Override
    public boolean dropTable(TableIdentifier identifier, boolean purge) {
        loaded.remove(identifier);
        return super.dropTable(identifier, purge);
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
        loaded.remove(from);
        loaded.remove(to);
        super.renameTable(from, to);
    }

    @Override
    public void invalidateTable(TableIdentifier identifier) {
        loaded.remove(identifier);
        super.invalidateTable(identifier);
    }
}
