package io.lakehouse.runtime.docker;

import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.ServiceDefinition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How the project builds a service's image, from the model: the services that run on a JVM or as a native program
 * share {@value #SHARED}, parameterised by build arguments (Debian base and JRE from the JDK the service's launch
 * command needs, extra packages, the service folder, labels); the Python applications (Airflow, Superset, JupyterLab)
 * have a Dockerfile of their own in their config folder, for their virtual environment. The CLI's builds and the
 * generated compose file's {@code build:} sections both come from here, so they cannot disagree.
 *
 * @param dockerfile relative to the repository root
 */
public record ServiceImage(String dockerfile, Map<String, String> arguments) {
    public static final String SHARED = "compose/lakehouse-service.Dockerfile";
    /** Bookworm's newest JDK; a service that needs a newer one runs over trixie. */
    private static final int BOOKWORM_JDK = 17;
    private static final int TRIXIE_JDK = 25;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)}");

    public ServiceImage {
        requireNonNull(dockerfile, "dockerfile");
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    public static ServiceImage of(ServiceDefinition service) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("VERSION", service.version());
        if (service.local().pythonEnvironment()) {
            return new ServiceImage("compose/" + service.configFolder() + "/Dockerfile", arguments);
        }
        boolean newerJdk = service.local().command() instanceof LaunchCommand.Java java
                && java.jdk().minimum() > BOOKWORM_JDK;
        arguments.put("BASE", newerJdk ? "debian:trixie-slim" : "debian:bookworm-slim");
        arguments.put("JRE", "openjdk-" + (newerJdk ? TRIXIE_JDK : BOOKWORM_JDK) + "-jre-headless");
        arguments.put("PACKAGES", String.join(" ", service.container().imagePackages()));
        arguments.put("DIST", service.local().distribution());
        arguments.put("TITLE", ImageBuilder.repository(service));
        arguments.put("DESCRIPTION", "The lakehouse platform's " + service.configFolder() + " image: services/"
                + service.local().distribution() + " " + service.version() + ", run by lakehouse-entrypoint.sh");
        return new ServiceImage(SHARED, arguments);
    }

    /** {@code text} with each {@code ${ARG}} of these arguments replaced (Dockerfile FROM and COPY lines). */
    public String substitute(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(arguments.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
