package io.lakehouse.cli;

import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.runtime.process.Python;
import io.lakehouse.runtime.process.PythonLock;
import io.lakehouse.runtime.process.Uv;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse python-lock}: lock the Python applications' requirements again, with uv. */
@Command(name = "python-lock", mixinStandardHelpOptions = true,
        description = "Re-lock the Python applications (services/<app>/requirements.lock: every package pinned and "
                + "hashed, universal, Python 3.11+) with uv from their rendered requirements.txt, after a pin or a "
                + "version in pom.xml changed. Keeps the locked versions of the rest unless --upgrade.")
final class PythonLockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--upgrade", description = "Take the newest release of every unpinned package.")
    boolean upgrade;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StackLayout layout = common.layout();
        Python.Result python = Python.find();
        Python interpreter = python.python().orElseThrow(() -> new PreflightException(List.of(python.problem())));
        Path log = layout.logsDir().resolve("python-lock.log");
        Uv uv = Uv.obtain(interpreter, layout.tools(), log, out::println).orElseThrow(() -> new PreflightException(
                List.of("locking needs uv " + Uv.version() + "; see " + log)));
        List<String> apps = ServiceCatalog.standard().all().stream().filter(s -> s.local().pythonEnvironment())
                .map(s -> s.local().distribution()).distinct().toList();
        for (String app : apps) {
            Path dist = layout.distribution(app);
            Path requirements = dist.resolve(PythonLock.REQUIREMENTS);
            if (!Files.isRegularFile(requirements)) {
                throw new PreflightException(List.of(requirements + " is missing; build it with './mvnw -q -pl "
                        + "services/" + app + " package' (the ./lakehouse launcher does it)"));
            }
            PythonLock lock = new PythonLock(layout.home().resolve("services").resolve(app).resolve(PythonLock.FILE));
            long began = System.nanoTime();
            lock.relock(uv, requirements, upgrade, log);
            // the service folder gets it now, not at the next Maven build
            Files.copy(lock.file(), dist.resolve(PythonLock.FILE), StandardCopyOption.REPLACE_EXISTING);
            out.printf("%s: %s, %d packages, %.1f s%n", app, layout.home().relativize(lock.file()),
                    Files.readAllLines(lock.file()).stream().filter(line -> line.matches("^[a-z0-9].*==.*")).count(),
                    (System.nanoTime() - began) / 1e9);
        }
        return ExitCodes.OK;
    }
}
