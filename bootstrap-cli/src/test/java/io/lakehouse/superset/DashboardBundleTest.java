package io.lakehouse.superset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardBundleTest {
    private static final String LIVE_UUID = "0ca4335d-6b62-47d6-9069-a32410c1a047";
    private static final String LIVE_URI = "trino://lakehouse@trino:8080/lakehouse";

    /** The repository's own bundle: every file in the zip, the database re-pointed at the live connection. */
    @Test
    void zipsTheRepositoryBundleWithTheLiveConnection() throws Exception {
        Path folder = Path.of(System.getProperty("user.dir")).getParent().resolve("asset/superset/dashboard");
        Map<String, String> entries = unzip(new DashboardBundle(folder).zip(LIVE_UUID, LIVE_URI));

        assertTrue(entries.keySet().containsAll(java.util.List.of("lakehouse_bundle/metadata.yaml",
                "lakehouse_bundle/databases/Lakehouse_Trino.yaml", "lakehouse_bundle/dashboards/Lakehouse_sales.yaml")),
                entries.keySet().toString());
        assertTrue(entries.keySet().stream().filter(e -> e.contains("/charts/")).count() >= 4, entries.keySet().toString());
        String database = entries.get("lakehouse_bundle/databases/Lakehouse_Trino.yaml");
        assertTrue(database.contains("\nuuid: " + LIVE_UUID + "\n"), database);
        assertTrue(database.contains("\nsqlalchemy_uri: " + LIVE_URI + "\n"), database);
        String repositoryUuid = Pattern.compile("(?m)^uuid: (\\S+)$")
                .matcher(Files.readString(folder.resolve("databases/Lakehouse_Trino.yaml"))).results()
                .findFirst().orElseThrow().group(1);
        entries.forEach((name, text) -> assertFalse(text.contains(repositoryUuid), name + " still names " + repositoryUuid));
        entries.entrySet().stream().filter(e -> e.getKey().contains("/datasets/"))
                .forEach(e -> assertTrue(e.getValue().contains("database_uuid: " + LIVE_UUID), e.getKey()));
        assertTrue(entries.get("lakehouse_bundle/dashboards/Lakehouse_sales.yaml")
                .contains("dashboard_title: Lakehouse sales"));
    }

    @Test
    void aFolderWithoutMetadataIsRefusedWithTheFix(@TempDir Path empty) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new DashboardBundle(empty).zip(LIVE_UUID, LIVE_URI));
        assertTrue(refused.getMessage().contains("metadata.yaml missing"), refused.getMessage());
    }

    @Test
    void risonQuotesAndBangsAreEscaped() {
        assertEquals("Lakehouse (Trino)", SupersetApi.rison("Lakehouse (Trino)"));
        assertEquals("it!'s!!", SupersetApi.rison("it's!"));
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
