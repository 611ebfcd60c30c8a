package io.lakehouse.runtime.process;

import io.lakehouse.runtime.TemplateRenderer;
import io.lakehouse.stack.LaunchCommand;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link LaunchCommand} of the service model into the argument vector of a local process. */
public record ResolvedCommand(List<String> arguments, Jdk jdk) {

    public static ResolvedCommand of(String service, LaunchCommand command, TemplateRenderer renderer, JdkLocator jdks) {
        String source = "the launch command of " + service;
        if (command instanceof LaunchCommand.Java java) {
            Jdk jdk = jdks.find(java.jdk())
                    .orElseThrow(() -> new MissingJdkException(service + ": " + jdks.explainMissing(java.jdk())));
            List<String> args = new ArrayList<>();
            args.add(jdk.java().toString());
            args.add("-Xmx" + java.heapMb() + "m");
            // a small initial heap: the default (1/64 of RAM, 384 MB here) is touched early and stays resident
            args.add("-Xms" + Math.min(64, java.heapMb()) + "m");
            args.add("-XX:+UseSerialGC");
            args.add("-XX:+ExitOnOutOfMemoryError");
            args.add("-Dlakehouse.service=" + service);
            args.addAll(renderer.render(java.jvmOptions(), source));
            args.add("-cp");
            args.add(String.join(File.pathSeparator, renderer.render(java.classpath(), source)));
            args.add(java.mainClass());
            args.addAll(renderer.render(java.arguments(), source));
            return new ResolvedCommand(List.copyOf(args), jdk);
        }
        LaunchCommand.Native exe = (LaunchCommand.Native) command;
        List<String> args = new ArrayList<>();
        args.add(renderer.render(exe.executable(), source));
        args.addAll(renderer.render(exe.arguments(), source));
        return new ResolvedCommand(List.copyOf(args), null);
    }

    /** A short form for logs and records: the program and, for a JVM, its main class. */
    public String summary() {
        int main = arguments.indexOf("-cp");
        return main >= 0 && main + 2 < arguments.size()
                ? arguments.get(0) + " ... " + arguments.get(main + 2)
                : arguments.get(0);
    }
}
