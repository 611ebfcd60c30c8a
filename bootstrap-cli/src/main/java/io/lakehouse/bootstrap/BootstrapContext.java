package io.lakehouse.bootstrap;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * What the steps that provision applications need beyond the endpoints: the runtime (how one service reaches another:
 * 127.0.0.1 locally, the compose service name in containers), the project and state folders, and where to say
 * something the user must see once (a generated password) rather than in the outcome table.
 */
public record BootstrapContext(RuntimeKind runtime, StackLayout layout, Consumer<String> notices) {
    public BootstrapContext {
        requireNonNull(runtime, "runtime");
        requireNonNull(layout, "layout");
        requireNonNull(notices, "notices");
    }
}
