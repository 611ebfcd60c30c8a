package io.lakehouse.cli;

import io.lakehouse.stack.Versions;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.function.Function;

/** {@code lakehouse}: start, inspect and stop the lakehouse platform, on Docker Compose or as local processes. */
@Command(name = "lakehouse",
        mixinStandardHelpOptions = true,
        versionProvider = LakehouseCommand.VersionProvider.class,
        description = "A reference data lakehouse: Kafka, HDFS, MySQL, Hive Metastore (and, as they land, Iceberg "
                + "engines), on Docker Compose or as plain local processes.",
        subcommands = {
                UpCommand.class,
                DownCommand.class,
                StatusCommand.class,
                LogsCommand.class,
                BootstrapCommand.class,
                SqlCommand.class,
                LoadCommand.class,
                SeedCommand.class,
                VerifyCommand.class,
                TransformCommand.class,
                MaintainCommand.class,
                MartsCommand.class,
                BenchCommand.class,
                ChaosCommand.class,
                StreamingCommand.class,
                DoctorCommand.class,
                ImagesCommand.class,
                PythonLockCommand.class,
                ComposeCommand.class,
                KubernetesCommand.class,
                ContainerCommand.class,
                AutoComplete.GenerateCompletion.class
        },
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage, 3 precondition not met (nothing changed), "
                + "4 a service did not start, 5 status: not all healthy."})
public final class LakehouseCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where LAKEHOUSE_* settings (port overrides) are read: the process environment, or a map in tests. */
    final Function<String, String> environment;

    LakehouseCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        int exit = commandLine.execute(args);
        // print() does not flush picocli's writers, and System.exit would drop what they hold (e.g. into a pipe)
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(exit);
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return commandLine(System::getenv);
    }

    /** The command line reading its LAKEHOUSE_* settings from {@code environment}. */
    public static CommandLine commandLine(Function<String, String> environment) {
        CommandLine commandLine = new CommandLine(new LakehouseCommand(environment));
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return commandLine;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Versions v = Versions.pinned();
            return new String[]{"lakehouse " + LakehouseCommand.class.getPackage().getImplementationVersion(),
                    "Kafka " + v.of("kafka") + ", Hadoop " + v.of("hadoop") + ", Hive Metastore " + v.of("hive")
                            + ", MariaDB " + v.of("mariadb")};
        }
    }
}
