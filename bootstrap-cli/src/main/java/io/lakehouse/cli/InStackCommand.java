package io.lakehouse.cli;

import io.lakehouse.runtime.StackRuntime;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A command that works with the running stack's services where they are reachable by name: on the docker runtime
 * it runs again inside the toolbox container, in the compose network (the CLI does that for the user); on the
 * local runtime, or already inside the toolbox, {@link #run} does the work here.
 */
abstract class InStackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Override
    public final Integer call() throws Exception {
        StackRuntime runtime = stack.runtime();
        Optional<Integer> inToolbox = Toolbox.runInside(spec, runtime);
        return inToolbox.isPresent() ? inToolbox.get() : run(runtime, spec.commandLine().getOut());
    }

    /** The command's work, where the services are reachable; its exit code. */
    protected abstract int run(StackRuntime runtime, PrintWriter out) throws Exception;
}
