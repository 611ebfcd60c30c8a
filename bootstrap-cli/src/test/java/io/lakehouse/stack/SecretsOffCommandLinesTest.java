package io.lakehouse.stack;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No generated secret is ever an argument of a process the model starts (main command or init step, on either
 * runtime): every user of the machine can read a command line ({@code /proc/<pid>/cmdline}, {@code ps}), and the
 * runtime writes each command line into the service's log. Secrets go by environment or by an owner-only file.
 */
class SecretsOffCommandLinesTest {
    private final ServiceCatalog catalog = ServiceCatalog.standard();

    @Test
    void noLaunchCommandOrInitStepTakesAGeneratedSecretAsAnArgument() {
        List<String> secrets = catalog.all().stream().flatMap(s -> s.generatedValues().stream())
                .filter(v -> v.kind() == GeneratedValue.Kind.PASSWORD)
                .map(v -> "${" + v.variable() + "}").toList();
        assertTrue(secrets.size() >= 10, "the model's generated passwords: " + secrets);
        List<String> offenders = new ArrayList<>();
        for (ServiceDefinition service : catalog.all()) {
            List<LaunchCommand> commands = new ArrayList<>();
            commands.add(service.local().command());
            service.local().initSteps().forEach(step -> commands.add(step.command()));
            for (LaunchCommand command : commands) {
                arguments(command).filter(argument -> secrets.stream().anyMatch(argument::contains))
                        .forEach(argument -> offenders.add(service.name() + ": " + argument));
            }
        }
        assertEquals(List.of(), offenders, "secrets on a command line: pass them by environment (see "
                + "InitStep.environment) or by an owner-only file");
    }

    @Test
    void supersetsAdminPasswordReachesItsInitStepByEnvironment() {
        InitStep createAdmin = catalog.get("superset").local().initSteps().stream()
                .filter(step -> step.id().equals("setup")).findFirst().orElseThrow();
        assertEquals("${SUPERSET_ADMIN_PASSWORD}", createAdmin.environment().get("FLASK_FAB_CREATE_ADMIN_PASSWORD"));
    }

    private static Stream<String> arguments(LaunchCommand command) {
        if (command instanceof LaunchCommand.Java java) {
            return Stream.of(java.jvmOptions(), java.classpath(), java.arguments()).flatMap(List::stream);
        }
        LaunchCommand.Native exe = (LaunchCommand.Native) command;
        return Stream.concat(Stream.of(exe.executable()), exe.arguments().stream());
    }
}
