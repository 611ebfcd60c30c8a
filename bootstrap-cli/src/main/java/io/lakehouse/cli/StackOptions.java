package io.lakehouse.cli;

import io.lakehouse.runtime.RememberedScale;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.function.Function;

/**
 * What every command that acts on a stack is given, as one mixin: the state directory and {@code --verbose}
 * ({@link CommonOptions}), the runtime choice ({@link RuntimeChoice}), and the {@code LAKEHOUSE_*} settings the root
 * command reads (the process environment, or a map in tests). It answers the questions those commands ask:
 * which state directory ({@link #layout}), which stack ({@link #runtime}), which settings ({@link #environment}).
 */
final class StackOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    CommonOptions common;

    @Mixin
    RuntimeChoice runtimeChoice;

    StackLayout layout() {
        return common.layout();
    }

    /** Where LAKEHOUSE_* settings (port overrides) are read: the root command's. */
    Function<String, String> environment() {
        return ((LakehouseCommand) command.root().userObject()).environment;
    }

    RuntimeChoice runtimeChoice() {
        return runtimeChoice;
    }

    /** The stack that exists here, of these services (the runtime follows the stack). */
    StackRuntime runtime(ServiceCatalog catalog) {
        return runtimeChoice.forExisting(layout(), catalog, environment());
    }

    StackRuntime runtime() {
        return runtime(catalog());
    }

    /** The services of the stack this state directory holds: the standard ones at the scale it was started with. */
    ServiceCatalog catalog() {
        ScaleSpec remembered = RememberedScale.read(layout());
        // inside a scaled deployment's containers (the toolbox), the deployment says its scale
        return ServiceCatalog.standard().scaled(remembered.isStandard()
                ? ScaleSpec.fromEnvironment(environment()) : remembered);
    }
}
