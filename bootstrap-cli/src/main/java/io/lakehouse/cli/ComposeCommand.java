package io.lakehouse.cli;

import io.lakehouse.runtime.docker.ComposeFile;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lakehouse compose render}: the compose deployment, generated from the service model. */
@Command(name = "compose", mixinStandardHelpOptions = true,
        description = "The compose deployment, generated from the service model.",
        subcommands = {ComposeCommand.Render.class, ComposeCommand.Env.class})
final class ComposeCommand extends CommandGroup {

    @Command(name = "env", mixinStandardHelpOptions = true,
            description = "Write the environment docker compose needs to run this stack by hand (credentials, port "
                    + "overrides, network) to an owner-only file in the state directory, and print how to use it.")
    static final class Env implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ParentCommand
        ComposeCommand parent;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            io.lakehouse.runtime.StackLayout layout = common.layout();
            io.lakehouse.runtime.docker.DockerRuntime docker = new io.lakehouse.runtime.docker.DockerRuntime(layout,
                    ServiceCatalog.standard(), ((LakehouseCommand) parent.spec.parent().userObject()).environment);
            Path file = docker.writeComposeEnvFile();
            Path home = layout.home();
            out.println("Wrote " + file + " (owner-only: it holds the stack's credentials).");
            out.println("The same stack with docker compose alone (images: './lakehouse images' builds them):");
            String compose = "docker compose -p " + docker.project() + " --env-file " + file + " -f "
                    + home.resolve("compose/docker-compose.yml");
            out.println("  " + compose + " up -d --wait");
            out.println("  where ScyllaDB's image cannot be pulled, add: -f "
                    + home.resolve("compose/stand-ins/serving-store.yml"));
            out.println("  " + compose + " run --rm toolbox seed      # the CLI inside the network");
            return ExitCodes.OK;
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Print compose/docker-compose.yml as the service model describes it; --write writes it "
                    + "and the stand-in overrides into compose/, --check exits 1 naming each committed file that "
                    + "differs.")
    static final class Render implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RenderOptions render;

        @picocli.CommandLine.Option(names = "--scale", paramLabel = "ROLE=N[,ROLE=N...]",
                description = "Render the stack at this scale (as 'up --scale' takes it); --write then writes "
                        + "compose/" + ComposeFile.SCALED + " (ignored by git), never the committed file.")
        String scale;

        @Override
        public Integer call() throws IOException {
            ServiceCatalog catalog = ServiceCatalog.standard().scaled(io.lakehouse.stack.ScaleSpec.parse(scale));
            Map<String, String> files = new ComposeFile(catalog).files();
            if (!catalog.scale().isStandard()) {
                return scaled(files.get(ComposeFile.MAIN), catalog);
            }
            if (render.prints()) {
                spec.commandLine().getOut().print(files.get(ComposeFile.MAIN));
                return ExitCodes.OK;
            }
            return GeneratedFiles.writeOrCheck(spec, files, render.common.layout().composeDir(), "compose/", "compose/",
                    "./lakehouse compose render", render.write,
                    render.check);
        }

        /** A scaled compose file is generated for use, not kept: printed, or written beside the committed one. */
        private int scaled(String file, ServiceCatalog catalog) throws IOException {
            if (render.check) {
                spec.commandLine().getErr().println("error: --check compares the committed files, which are the "
                        + "standard scale's; drop --scale, or print the scaled file with --scale alone");
                return ExitCodes.USAGE;
            }
            if (render.prints()) {
                spec.commandLine().getOut().print(file);
                return ExitCodes.OK;
            }
            Path path = render.common.layout().composeDir().resolve(ComposeFile.SCALED);
            Files.writeString(path, file);
            spec.commandLine().getOut().println("wrote " + path + " (--scale " + catalog.scale() + ", "
                    + catalog.all().size() + " services); 'lakehouse up --scale " + catalog.scale()
                    + "' runs it on the docker runtime");
            return ExitCodes.OK;
        }
    }

}
