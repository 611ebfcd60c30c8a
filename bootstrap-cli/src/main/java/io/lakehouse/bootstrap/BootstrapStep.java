package io.lakehouse.bootstrap;

import io.lakehouse.stack.ProbeTarget;

import java.util.List;

/**
 * One idempotent piece of the platform's setup (namespaces, topics, ...): creates what is missing, leaves what is
 * there, and says which. Running it twice changes nothing the second time.
 */
public interface BootstrapStep {
    String name();

    /** The services this step talks to; it runs only when they are part of the stack. */
    List<String> needs();

    List<StepOutcome> apply(ProbeTarget stack) throws Exception;
}
