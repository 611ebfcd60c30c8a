package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ServiceCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One compose project per state directory: another directory's credentials never start a project's volumes. */
class ComposeProjectTest {
    private static final Path HOME = Path.of("/srv/lakehouse");

    @Test
    void theRepositorysOwnStateDirectoryIsProjectLakehouseAndAnyOtherHasItsOwn() {
        assertEquals("lakehouse", DockerRuntime.defaultProject(new StackLayout(HOME, HOME.resolve(".lakehouse"))));
        String a = DockerRuntime.defaultProject(new StackLayout(HOME, Path.of("/tmp/a")));
        String b = DockerRuntime.defaultProject(new StackLayout(HOME, Path.of("/tmp/b")));
        assertTrue(a.matches("lakehouse-[0-9a-f]{8}"), a);
        assertNotEquals(a, b);
        assertEquals(a, DockerRuntime.defaultProject(new StackLayout(HOME, Path.of("/tmp/x/../a"))), "the same path");
    }

    @Test
    void theVariableNamesItOutright() {
        DockerRuntime runtime = new DockerRuntime(new StackLayout(HOME, Path.of("/tmp/a")), ServiceCatalog.standard(),
                Map.of("LAKEHOUSE_COMPOSE_PROJECT", "mine")::get);
        assertEquals("mine", runtime.project());
    }
}
