package io.lakehouse.deploy;

import io.lakehouse.stack.GeneratedValue;
import io.lakehouse.stack.InitStep;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's container is, read from the model, the same for every generated deployment (compose and
 * Kubernetes): where its data and config live, the healthcheck, the memory limit, how long it may take to start,
 * the credentials it is given as files and the environment it is told. A deployment only decides how to write a
 * port's number ({@code portValue}: compose interpolates a host override, Kubernetes writes the number).
 */
public final class ServiceContainer {
    /** The container's data volume (the image's home of user {@code lakehouse}). */
    public static final String DATA_PATH = "/var/lib/lakehouse";
    /** A project image's healthcheck: it reads what the container's probe loop last found (no JVM per check). */
    public static final String HEALTHCHECK = "/opt/lakehouse/health.sh";
    /** Where the generated credentials a container was given are files, one per name. */
    public static final String SECRETS_DIR = "/run/secrets";
    /** The user (and group) the project's images run as (compose/lakehouse-service.Dockerfile). */
    public static final int IMAGE_USER = 1000;
    /** Set in a container that runs lakehouse commands: the CLI there reaches the services by the inside view. */
    public static final String ADDRESSES_VARIABLE = "LAKEHOUSE_ADDRESSES";
    public static final String INSIDE_COMPOSE = "inside-compose";

    /**
     * The toolbox (the CLI inside the stack's network, for seed, verify, bootstrap) runs in this service's image: a
     * Debian JRE 17, which the CLI and its Spark Connect client need. The CLI itself, the jobs and the sample data
     * come from the repository, mounted read-only at {@link #TOOLBOX_HOME}, so it runs the CLI built from it.
     */
    public static final String TOOLBOX_IMAGE_OF = "spark-connect";
    public static final String TOOLBOX_HOME = "/opt/lakehouse-home";
    public static final String TOOLBOX_STATE_DIR = "/var/lib/lakehouse-state";
    public static final int TOOLBOX_MEMORY_MB = 1536;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private ServiceContainer() {
    }

    /** {@code /opt/lakehouse/compose/<folder>}: where the service's config folder is mounted read-only. */
    public static String configPath(ServiceDefinition service) {
        return "/opt/lakehouse/compose/" + service.configFolder();
    }

    /** How the toolbox runs the CLI: the jar built in the repository mounted at {@link #TOOLBOX_HOME}. */
    public static List<String> toolboxEntrypoint() {
        return List.of("java", "@" + TOOLBOX_HOME + "/bootstrap-cli/cli-jvm.options", "-XX:MaxRAMPercentage=70", "-jar",
                TOOLBOX_HOME + "/bootstrap-cli/target/lakehouse-all.jar");
    }

    /** What the toolbox is told beside the stack's environment (its state directory is {@link #TOOLBOX_STATE_DIR}). */
    public static Map<String, String> toolboxEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAKEHOUSE_HOME", TOOLBOX_HOME);
        env.put("LAKEHOUSE_STATE_DIR", TOOLBOX_STATE_DIR);
        env.put("HOME", "/tmp");
        return env;
    }

    /**
     * A container's memory limit: the model's budget (expected resident memory) plus a quarter for peaks, plus
     * 128 MiB for the probe loop's JVM, rounded up to 128 MiB.
     */
    public static int memoryLimitMb(ServiceDefinition service) {
        int mb = service.memoryBudgetMb() + service.memoryBudgetMb() / 4 + 128;
        return (mb + 127) / 128 * 128;
    }

    /** How long failed checks do not count: every one-time init step's budget, then the start timeout. */
    public static Duration startPeriod(ServiceDefinition service) {
        return service.local().initSteps().stream().map(InitStep::budget)
                .reduce(service.startTimeout(), Duration::plus);
    }

    /** Why the start period is what it is, for a comment beside it. */
    public static String startPeriodWhy(ServiceDefinition service) {
        return service.local().initSteps().isEmpty()
                ? "the model's start timeout" : "the model's init step budgets and start timeout";
    }

    /** The generated values a service's container is given as files under {@link #SECRETS_DIR}. */
    public static List<String> credentials(ServiceDefinition service) {
        List<String> credentials = new ArrayList<>(service.generatedValues().stream()
                .map(GeneratedValue::variable).toList());
        credentials.addAll(service.container().reads());
        return credentials;
    }

    /** Every generated value of the stack, each once. */
    public static List<String> allCredentials(ServiceCatalog catalog) {
        return catalog.all().stream().flatMap(service -> service.generatedValues().stream())
                .map(GeneratedValue::variable).distinct().toList();
    }

    /**
     * What every container is told: where the other services are (by their compose service name, which resolves
     * inside the stack's network) and every port.
     */
    public static Map<String, String> stackEnvironment(ServiceCatalog catalog, Function<PortSpec, String> portValue) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BIND_ADDRESS", "0.0.0.0");
        env.put("PUBLISHED_HOST", "127.0.0.1");
        if (!catalog.scale().isStandard()) {
            env.put(ScaleSpec.ENVIRONMENT_VARIABLE, catalog.scale().toString());
        }
        ProbeTarget inside = new ProbeTarget("127.0.0.1", Map.of(), Map.of()).seenFromInside(catalog);
        for (ServiceDefinition service : catalog.all()) {
            env.put(service.hostVariable(), inside.hostOf(service));
            service.ports().forEach(port -> env.put(port.variable(), portValue.apply(port)));
        }
        return env;
    }

    /** The service's own variables beside the stack's: its name and the model's fixed container environment. */
    public static Map<String, String> serviceEnvironment(ServiceDefinition service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAKEHOUSE_SERVICE", service.name());
        service.container().environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        return env;
    }

    /**
     * What a container that runs lakehouse commands against the stack is told (the toolbox, Airflow for its DAG's
     * tasks): the CLI there uses the address book's inside view, acts on the docker runtime's stack, and knows every
     * port override, since the services listen on the published numbers.
     */
    public static Map<String, String> commandsEnvironment(ServiceCatalog catalog, Function<PortSpec, String> portValue) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ADDRESSES_VARIABLE, INSIDE_COMPOSE);
        env.put("LAKEHOUSE_RUNTIME", "docker");
        for (ServiceDefinition service : catalog.all()) {
            service.ports().forEach(port -> env.put(port.overrideVariable(), portValue.apply(port)));
        }
        return env;
    }

    /** Each model port variable in {@code text} ({@code ${SERVING_STORE_PORT}}) written as {@code portValue} says. */
    public static String withPorts(ServiceCatalog catalog, String text, Function<PortSpec, String> portValue) {
        Map<String, PortSpec> ports = new LinkedHashMap<>();
        catalog.all().forEach(s -> s.ports().forEach(p -> ports.put(p.variable(), p)));
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            PortSpec port = ports.get(m.group(1));
            if (port == null) {
                throw new IllegalStateException("no port variable " + m.group(1) + " in the model (in: " + text + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(portValue.apply(port)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
