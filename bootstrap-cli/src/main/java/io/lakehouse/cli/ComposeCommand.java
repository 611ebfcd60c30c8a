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

        @Override
        public Integer call() throws IOException {
            Map<String, String> files = new ComposeFile(ServiceCatalog.standard()).files();
            if (render.prints()) {
                spec.commandLine().getOut().print(files.get(ComposeFile.MAIN));
                return ExitCodes.OK;
            }
            return GeneratedFiles.writeOrCheck(spec, files, render.common.layout().composeDir(), "compose/", "compose/",
                    "./lakehouse compose render", render.write,
                    render.check);
        }
    }
}
