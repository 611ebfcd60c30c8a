package io.lakehouse.cli;

import io.lakehouse.cli.render.TextTable;
import io.lakehouse.runtime.docker.DockerEngine;
import io.lakehouse.runtime.docker.ImageBuilder;
import io.lakehouse.runtime.docker.ImageSpec;
import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse images}: build the project's images (and, where none can be pulled, their Debian base). */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = "Build the project's Docker images (lakehouse/<service>:<version>), making the Debian base "
                + "image locally when it cannot be pulled. Only missing images unless --rebuild.")
final class ImagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--rebuild", description = "Build every image again, even those present.")
    boolean rebuild;

    @Option(names = "--cpus", paramLabel = "N", description = "At most N CPUs (may be fractional) for the build steps, "
            + "so that a running stack keeps its speed while images build beside it (default: no limit).")
    Double cpus;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services whose images to build (default: all).")
    List<String> services = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (cpus != null && !(cpus > 0 && cpus <= Runtime.getRuntime().availableProcessors())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cpus takes a number of CPUs "
                    + "above 0 and at most " + Runtime.getRuntime().availableProcessors() + " (this machine's), not "
                    + cpus);
        }
        DockerEngine.problem().ifPresent(problem -> {
            throw new PreflightException(List.of(problem));
        });
        ServiceCatalog catalog = ServiceCatalog.standard();
        List<ServiceDefinition> selected = services.isEmpty() ? catalog.all()
                : services.stream().map(catalog::get).toList();
        ImageBuilder builder = new ImageBuilder(common.layout(), catalog, line -> {
            out.println(line);
            out.flush();
        }, java.util.Optional.ofNullable(cpus));
        long began = System.nanoTime();
        List<ImageSpec> built = builder.build(selected, rebuild);
        out.printf("%d image(s) built in %.1f s%n%n", built.size(), (System.nanoTime() - began) / 1e9);
        TextTable table = new TextTable("IMAGE", "SERVICES", "BASE", "SIZE");
        for (ImageSpec image : builder.images(selected)) {
            table.row(image.tag(), String.join(",", image.services()), image.baseImage(),
                    builder.size(image.tag()).orElse("missing"));
        }
        out.print(table.render());
        return ExitCodes.OK;
    }
}
