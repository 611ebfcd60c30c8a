package io.lakehouse.seed.files;

import java.util.Map;

/**
 * One record as read from a file, before typing: where it is ({@code line} for CSV and JSON lines, {@code path}
 * for XML), its raw text, and either its values or the structural reason it cannot be typed (wrong column count,
 * malformed element, unparseable). Values are keyed by column name for CSV and JSON lines (two columns may share a
 * source name: {@code Name} and {@code name}) and by source path for XML; null or absent means no value.
 */
public record RawRecord(long line, String path, String raw, Map<String, String> values, String rejectReason) {
    public String location() {
        return path != null ? path : "line " + line;
    }

    public static RawRecord rejected(long line, String path, String raw, RejectReason reason, String detail) {
        return new RawRecord(line, path, raw, Map.of(), reason.describe(detail));
    }
}
