package io.lakehouse.cli;

import io.lakehouse.deploy.kubernetes.KubernetesManifests;
import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.runtime.OwnerOnly;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code lakehouse k8s render|secrets}: the Kubernetes deployment, generated from the service model. */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = "The Kubernetes deployment (a Kustomize tree under k8s/), generated from the service model.",
        subcommands = {KubernetesCommand.Render.class, KubernetesCommand.Secrets.class})
final class KubernetesCommand extends CommandGroup {

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "List the files of the Kubernetes deployment as the service model describes it; --write "
                    + "writes them (k8s/ and compose/kustomization.yaml), --check exits 1 naming each committed "
                    + "file that differs.")
    static final class Render implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RenderOptions render;

        @Option(names = "--registry", paramLabel = "PREFIX", description = "Prefix the project's images with "
                + "this registry in the overlays' image transform (e.g. registry.example:5000/team).")
        Optional<String> registry = Optional.empty();

        @Option(names = "--scale", paramLabel = "ROLE=N[,ROLE=N...]",
                description = "List the files of the deployment at this scale (as 'up --scale' takes it); a scaled "
                        + "tree is not written over the committed one (docs/scaling.md).")
        String scale;

        @Override
        public Integer call() throws IOException {
            Path home = render.common.layout().home();
            ServiceCatalog catalog = ServiceCatalog.standard().scaled(io.lakehouse.stack.ScaleSpec.parse(scale));
            Map<String, String> files = new KubernetesManifests(catalog, home, registry).files();
            if (!catalog.scale().isStandard() && !render.prints()) {
                spec.commandLine().getErr().println("error: --write and --check act on the committed tree, the "
                        + "standard scale's; with --scale the files are listed only (docs/scaling.md)");
                return ExitCodes.USAGE;
            }
            if (render.prints()) {
                files.keySet().forEach(spec.commandLine().getOut()::println);
                return ExitCodes.OK;
            }
            return GeneratedFiles.writeOrCheck(spec, files, home, "", "k8s/", "./lakehouse k8s render", render.write,
                    render.check);
        }
    }

    @Command(name = "secrets", mixinStandardHelpOptions = true,
            description = "Write " + KubernetesManifests.SECRETS_ENV + " (owner-only, ignored by git) with this state "
                    + "directory's generated credentials, which the Kubernetes base's secret generator reads. The "
                    + "values are never printed.")
    static final class Secrets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            StackLayout layout = common.layout();
            ServiceCatalog catalog = ServiceCatalog.standard();
            Files.createDirectories(layout.stateDir());
            Map<String, String> values = new TreeMap<>(GeneratedValues.loadOrCreate(layout.secretsFile(), catalog.all()));
            Path file = layout.home().resolve(KubernetesManifests.SECRETS_ENV);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            OwnerOnly.restrict(file);
            StringBuilder text = new StringBuilder("# kustomize secretGenerator env file: written by 'lakehouse k8s "
                    + "secrets' from " + layout.secretsFile() + "; holds credentials, owner-only, never committed\n");
            values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("Wrote " + file + " (owner-only: " + values.size()
                    + " credential(s) of " + layout.stateDir() + "). Apply with: kubectl apply -k k8s/overlays/single-node");
            return ExitCodes.OK;
        }
    }
}
