package io.lakehouse.cli;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ServiceCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stopped stack is still the state directory's stack: auto starts it on the runtime it ran on. */
class RuntimeChoiceTest {
    @Test
    void autoStartsAStoppedStackOnTheRuntimeItRanOn(@TempDir Path state) throws Exception {
        StackLayout layout = new StackLayout(Path.of(System.getProperty("lakehouse.home", "..")), state);
        // no compose project of this (temporary) state directory exists, whether or not an engine answers
        Map<String, String> env = Map.of("LAKEHOUSE_COMPOSE_PROJECT", "lakehouse-test-" + ProcessHandle.current().pid());
        for (RuntimeKind kind : RuntimeKind.values()) {
            RuntimeChoice.remember(layout, kind);
            RuntimeChoice.Selected selected = new RuntimeChoice().forUp(layout, ServiceCatalog.standard(), env::get);
            assertEquals(kind, selected.runtime().kind(), selected.reason());
        }
    }
}
