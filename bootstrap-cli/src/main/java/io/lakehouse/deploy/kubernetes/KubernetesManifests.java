package io.lakehouse.deploy.kubernetes;

import io.lakehouse.deploy.ServiceContainer;
import io.lakehouse.deploy.YamlText;
import io.lakehouse.runtime.docker.ImageBuilder;
import io.lakehouse.stack.ContainerSettings;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.VendorImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The Kubernetes deployment, generated from the service model as a Kustomize tree: the same images, ports, config
 * files, credentials (as files, never environment) and healthchecks as the compose file, written the way Kubernetes
 * says them. The committed tree is exactly this output ({@code lakehouse k8s render --write}); a test fails when it
 * differs. Every path is relative to the repository root.
 *
 * <ul>
 *   <li>{@code compose/kustomization.yaml}: each service's config folder as a ConfigMap. Kustomize reads files only
 *       under a kustomization's own folder, so this one lives beside the folders: one copy of every config file.</li>
 *   <li>{@code k8s/base/}: per service a headless Service and a StatefulSet (it keeps data) or a Deployment; the
 *       stack's environment; the repository volume; the toolbox Jobs (bootstrap, seed, verify).</li>
 *   <li>{@code k8s/overlays/single-node/}: the base with the image transform (the registry prefix).</li>
 *   <li>{@code k8s/overlays/scaled/}: the base at the demo scale ({@link ScaleSpec#DEMO}): each added instance's
 *       manifests, rendered from the scaled model as the base's are ({@code kafka-2.yaml}, ...), and patches that
 *       tell the environment and the command-running containers the scale and the instances' addresses.</li>
 *   <li>{@code k8s/components/serving-store-stand-in/}: Cassandra in place of ScyllaDB, as compose's stand-in.</li>
 * </ul>
 */
public final class KubernetesManifests {
    public static final String COMPOSE_KUSTOMIZATION = "compose/kustomization.yaml";
    public static final String BASE = "k8s/base";
    public static final List<String> OVERLAYS = List.of("k8s/overlays/single-node", "k8s/overlays/scaled");
    public static final String STAND_IN_COMPONENT = "k8s/components/serving-store-stand-in";
    /** The env file the secret generator reads; written by {@code lakehouse k8s secrets}, never committed. */
    public static final String SECRETS_ENV = BASE + "/secrets.env";
    public static final String SECRET = "lakehouse-secrets";
    public static final String ENVIRONMENT = "lakehouse-environment";
    public static final String HOME_CLAIM = "lakehouse-home";
    public static final List<String> JOBS = List.of("bootstrap", "seed", "verify");
    static final String NAME_LABEL = "app.kubernetes.io/name";
    /** The size of a service's data volume claim: the model has no disk budget yet; an overlay patches it. */
    private static final String DATA_CLAIM_SIZE = "10Gi";
    private static final Pattern PORT_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,13}[a-z0-9])?");

    private final ServiceCatalog catalog;
    private final Path home;
    private final Optional<String> registry;

    /**
     * @param home     the repository: the config folders under {@code compose/} are listed (not read) for the
     *                 ConfigMaps
     * @param registry a prefix for the project's images ({@code registry.example:5000/team}), written into the
     *                 overlays' image transform
     */
    public KubernetesManifests(ServiceCatalog catalog, Path home, Optional<String> registry) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.home = requireNonNull(home, "home");
        this.registry = requireNonNull(registry, "registry").map(r -> r.replaceAll("/+$", ""));
    }

    /** Every generated file, by its path relative to the repository root. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(COMPOSE_KUSTOMIZATION, configMaps());
        List<String> resources = new ArrayList<>(List.of("environment.yaml", "lakehouse-home.yaml"));
        files.put(BASE + "/environment.yaml", environment());
        files.put(BASE + "/lakehouse-home.yaml", homeClaim());
        for (ServiceDefinition service : catalog.all()) {
            files.put(BASE + "/" + service.composeService() + ".yaml", service(service));
            resources.add(service.composeService() + ".yaml");
        }
        files.put(BASE + "/toolbox-jobs.yaml", jobs());
        resources.add("toolbox-jobs.yaml");
        files.put(BASE + "/kustomization.yaml", baseKustomization(resources));
        files.put(OVERLAYS.get(0) + "/kustomization.yaml", singleNode());
        if (catalog.scale().isStandard()) {
            // the committed tree; a tree rendered at a scale (k8s render --scale) is that scale's base
            scaledOverlay(files);
        }
        files.put(STAND_IN_COMPONENT + "/kustomization.yaml", standInComponent());
        return files;
    }

    /** The ConfigMap that holds a config folder. */
    public static String configMapName(ServiceDefinition service) {
        return "config-" + service.configFolder();
    }

    /** A file of a config folder as a ConfigMap key: its relative path, "/" written "__" (keys have no "/"). */
    public static String configKey(String relativePath) {
        return relativePath.replace("/", "__");
    }

    /** Every file of the service's config folder, relative to it, sorted: what compose mounts, file by file. */
    public List<String> configFiles(ServiceDefinition service) {
        Path folder = home.resolve("compose").resolve(service.configFolder());
        try (Stream<Path> walk = Files.walk(folder)) {
            List<String> files = walk.filter(Files::isRegularFile)
                    .map(path -> folder.relativize(path).toString().replace('\\', '/')).sorted().toList();
            Set<String> keys = new LinkedHashSet<>();
            files.forEach(file -> {
                if (!keys.add(configKey(file))) {
                    throw new IllegalStateException("two files of " + folder + " map to the ConfigMap key "
                            + configKey(file));
                }
            });
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the config folder " + folder, e);
        }
    }

    private String configMaps() {
        YamlText yaml = header(List.of(
                "Every service's config folder (compose/<folder>/) as a ConfigMap, for the Kubernetes base",
                "(k8s/base), which names this folder as a resource: kustomize reads files only under a",
                "kustomization's own folder, so it stands here, beside the files, and nothing is copied.",
                "A key is the file's path in its folder, \"/\" written \"__\"; the pods mount each key back at its path,",
                "read-only under /opt/lakehouse/compose/<folder>, where compose mounts the folder. The name gets",
                "a hash of the content, so a changed file rolls the pods that mount it. docker compose ignores this file."));
        kustomizationHead(yaml, "Kustomization");
        yaml.sequence("configMapGenerator");
        for (ServiceDefinition service : configFolders()) {
            yaml.item().scalar("name", configMapName(service));
            yaml.blockList("files", configFiles(service).stream()
                    .map(file -> configKey(file) + "=" + service.configFolder() + "/" + file).toList());
            yaml.close();
        }
        yaml.close();
        return yaml.text();
    }

    /** One service per config folder (Spark's, HDFS's and Flink's daemons share theirs). */
    private List<ServiceDefinition> configFolders() {
        Map<String, ServiceDefinition> byFolder = new LinkedHashMap<>();
        projectServices().forEach(s -> byFolder.putIfAbsent(s.configFolder(), s));
        return List.copyOf(byFolder.values());
    }

    private List<ServiceDefinition> projectServices() {
        return catalog.all().stream().filter(s -> s.vendorImage().isEmpty()).toList();
    }

    private String environment() {
        YamlText yaml = header(List.of(
                "What every container is told (compose's x-lakehouse-environment): where the other services are,",
                "by their compose service name, which is also their Service's name here and so resolves in the",
                "namespace, and every port, under the same numbers as compose. No credential is here."));
        object(yaml, "v1", "ConfigMap", ENVIRONMENT);
        yaml.open("data");
        ServiceContainer.stackEnvironment(catalog, KubernetesManifests::number).forEach(yaml::scalar);
        yaml.close();
        return yaml.text();
    }

    private String homeClaim() {
        YamlText yaml = header(List.of(
                "The repository, as the toolbox Jobs and the containers' repository mounts read it (compose mounts",
                "the checkout itself). A cluster cannot mount a checkout, and no image carries the sample data, jobs,",
                "marts and notebooks: this volume is filled once with a built checkout (docs/kubernetes.md says",
                "how), then mounted read-only. ReadWriteOnce: every pod that mounts it must share one node (true on a",
                "single-node kind or k3d cluster); on several nodes use a ReadOnlyMany storage class."));
        object(yaml, "v1", "PersistentVolumeClaim", HOME_CLAIM);
        yaml.open("spec").flowList("accessModes", List.of("ReadWriteOnce"))
                .open("resources").open("requests").scalar("storage", "2Gi").close().close().close();
        return yaml.text();
    }

    private String service(ServiceDefinition service) {
        ContainerSettings container = service.container();
        YamlText yaml = header(List.of(
                service.composeService() + ": " + service.description() + ".",
                container.keepsData()
                        ? "A StatefulSet: its data volume holds " + container.keptData().orElseThrow() + "."
                        : "A Deployment: the model says its data volume holds nothing that must outlive the container."));
        headlessService(yaml, service);
        yaml.document();
        workload(yaml, service);
        return yaml.text();
    }

    /**
     * A headless Service of the compose service's name, with every port of the model under the same number: the
     * name every other service is told resolves to the pods, as inside compose. Published before the pods are
     * ready, as compose's names resolve before a container is healthy (a service's own probe needs its name).
     */
    private void headlessService(YamlText yaml, ServiceDefinition service) {
        object(yaml, "v1", "Service", service.composeService());
        yaml.open("spec").scalar("clusterIP", "None").scalar("publishNotReadyAddresses", true);
        yaml.open("selector").scalar(NAME_LABEL, service.composeService()).close();
        yaml.sequence("ports");
        for (PortSpec port : service.ports()) {
            yaml.item().scalar("name", portName(service, port)).scalar("port", port.defaultPort()).close();
        }
        yaml.close().close();
    }

    private void workload(YamlText yaml, ServiceDefinition service) {
        boolean stateful = service.container().keepsData();
        object(yaml, "apps/v1", stateful ? "StatefulSet" : "Deployment", service.composeService());
        yaml.open("spec");
        if (stateful) {
            yaml.scalar("serviceName", service.composeService())
                    .scalar("podManagementPolicy", "Parallel", "no start order: a pod waits for what it needs by failing and restarting");
        } else {
            yaml.open("strategy").scalar("type", "Recreate", "never two pods under one host name").close();
        }
        yaml.scalar("replicas", 1);
        yaml.open("selector").open("matchLabels").scalar(NAME_LABEL, service.composeService()).close().close();
        yaml.open("template");
        yaml.open("metadata").open("labels").scalar(NAME_LABEL, service.composeService()).close().close();
        yaml.open("spec");
        podBasics(yaml, service.vendorImage().isEmpty());
        if (!stateful) {
            // a StatefulSet's pods are named (and so host-named) <service>-<n> by their controller
            yaml.scalar("hostname", service.composeService()).scalar("subdomain", service.composeService());
        }
        if (service.container().initProcess()) {
            yaml.scalar("shareProcessNamespace", true, "the pod's pause process is PID 1 and reaps the service's children (compose: init)");
        }
        service.container().stopGracePeriod().ifPresent(period ->
                yaml.scalar("terminationGracePeriodSeconds", period.toSeconds()));
        yaml.sequence("containers");
        if (service.vendorImage().isPresent()) {
            vendorContainer(yaml, service, service.vendorImage().orElseThrow());
        } else {
            projectContainer(yaml, service);
        }
        yaml.close();
        volumes(yaml, service, stateful);
        yaml.close().close();
        if (stateful) {
            yaml.sequence("volumeClaimTemplates").item();
            yaml.open("metadata").scalar("name", "data").close();
            yaml.open("spec").flowList("accessModes", List.of("ReadWriteOnce"))
                    .open("resources").open("requests")
                    .scalar("storage", DATA_CLAIM_SIZE, "the model has no disk budget: patch it in an overlay")
                    .close().close().close();
            yaml.close().close();
        }
        yaml.close();
    }

    /**
     * What every pod of the stack shares: no service-link variables (Kubernetes would set KAFKA_PORT=tcp://… for a
     * Service with a cluster IP, the very names the stack's environment uses), and the images' user, whose group
     * owns the mounted volumes and secret files.
     */
    private static void podBasics(YamlText yaml, boolean projectImage) {
        yaml.scalar("enableServiceLinks", false);
        if (projectImage) {
            int user = ServiceContainer.IMAGE_USER;
            yaml.open("securityContext").scalar("runAsUser", user).scalar("runAsGroup", user)
                    .scalar("fsGroup", user).close();
        }
    }

    private void projectContainer(YamlText yaml, ServiceDefinition service) {
        yaml.item().scalar("name", service.composeService());
        yaml.scalar("image", ImageBuilder.tag(service)).scalar("imagePullPolicy", "IfNotPresent");
        yaml.flowList("args", List.of(service.name()));
        Map<String, String> env = new LinkedHashMap<>(ServiceContainer.serviceEnvironment(service));
        if (service.container().runsCommands()) {
            env.putAll(ServiceContainer.commandsEnvironment(catalog, KubernetesManifests::number));
        }
        environment(yaml, env);
        containerPorts(yaml, service);
        resources(yaml, service.memoryBudgetMb(), ServiceContainer.memoryLimitMb(service));
        probes(yaml, List.of(ServiceContainer.HEALTHCHECK), Duration.ofSeconds(5), Duration.ofSeconds(10), 12,
                ServiceContainer.startPeriod(service), ServiceContainer.startPeriodWhy(service));
        yaml.sequence("volumeMounts");
        mount(yaml, "data", ServiceContainer.DATA_PATH, false);
        mount(yaml, "config", ServiceContainer.configPath(service), true);
        if (!ServiceContainer.credentials(service).isEmpty()) {
            mount(yaml, "secrets", ServiceContainer.SECRETS_DIR, true);
        }
        for (ContainerSettings.Mount m : service.container().mounts()) {
            // compose mounts the repository folder; here it comes from the repository volume (lakehouse-home.yaml)
            yaml.item().scalar("name", "lakehouse-home").scalar("mountPath", m.containerPath())
                    .scalar("subPath", m.repositoryPath()).scalar("readOnly", true).close();
        }
        yaml.close().close();
    }

    private void vendorContainer(YamlText yaml, ServiceDefinition service, VendorImage vendor) {
        yaml.item().scalar("name", service.composeService());
        yaml.scalar("image", vendor.image()).scalar("imagePullPolicy", "IfNotPresent");
        if (!vendor.arguments().isEmpty()) {
            yaml.blockList("args", vendor.arguments().stream().map(this::withPortNumbers).toList());
        }
        environment(yaml, ServiceContainer.serviceEnvironment(service));
        containerPorts(yaml, service);
        resources(yaml, service.memoryBudgetMb(), ServiceContainer.memoryLimitMb(service));
        // the vendor's own client in a shell: heavier than reading a file, so checked less often (as compose)
        probes(yaml, List.of("sh", "-c", withPortNumbers(vendor.healthcheck())), Duration.ofSeconds(20),
                Duration.ofSeconds(30), 6, service.startTimeout(), "the model's start timeout");
        yaml.sequence("volumeMounts");
        mount(yaml, "data", vendor.dataPath(), false);
        yaml.close().close();
    }

    private static void environment(YamlText yaml, Map<String, String> env) {
        yaml.sequence("envFrom").item().open("configMapRef").scalar("name", ENVIRONMENT).close().close().close();
        yaml.sequence("env");
        env.forEach((name, value) -> yaml.item().scalar("name", name).scalar("value", value).close());
        yaml.close();
    }

    private static void containerPorts(YamlText yaml, ServiceDefinition service) {
        yaml.sequence("ports");
        service.ports().forEach(port -> yaml.item().scalar("name", portName(service, port))
                .scalar("containerPort", port.defaultPort()).close());
        yaml.close();
    }

    /** The request is the model's budget (expected resident memory), the limit compose's mem_limit. */
    private static void resources(YamlText yaml, int requestMb, int limitMb) {
        yaml.open("resources");
        yaml.open("requests").scalar("memory", requestMb + "Mi", "the model's memory budget").close();
        yaml.open("limits").scalar("memory", limitMb + "Mi", "compose's mem_limit").close();
        yaml.close();
    }

    /**
     * The compose healthcheck as Kubernetes probes: the startup probe allows the start period, then readiness
     * follows each check (the Service's name still resolves, see {@link #headlessService}) and liveness restarts the
     * container after as many failed checks in a row as compose needs to call it unhealthy.
     */
    private static void probes(YamlText yaml, List<String> command, Duration every, Duration timeout, int retries,
                               Duration startPeriod, String why) {
        long startChecks = (startPeriod.toSeconds() + every.toSeconds() - 1) / every.toSeconds();
        probe(yaml, "startupProbe", command, every, timeout, (int) startChecks, why);
        probe(yaml, "readinessProbe", command, every, timeout, 1, "");
        probe(yaml, "livenessProbe", command, every, timeout, retries, "compose's retries");
    }

    private static void probe(YamlText yaml, String kind, List<String> command, Duration every, Duration timeout,
                              int failures, String why) {
        yaml.open(kind).open("exec").flowList("command", command).close()
                .scalar("periodSeconds", every.toSeconds()).scalar("timeoutSeconds", timeout.toSeconds())
                .scalar("failureThreshold", failures, why).close();
    }

    private static void mount(YamlText yaml, String volume, String path, boolean readOnly) {
        yaml.item().scalar("name", volume).scalar("mountPath", path);
        if (readOnly) {
            yaml.scalar("readOnly", true);
        }
        yaml.close();
    }

    private void volumes(YamlText yaml, ServiceDefinition service, boolean stateful) {
        yaml.sequence("volumes");
        if (!stateful) {
            yaml.item().scalar("name", "data").open("emptyDir").close().close();
        }
        if (service.vendorImage().isEmpty()) {
            configVolume(yaml, service);
        }
        secretVolume(yaml, ServiceContainer.credentials(service), false);
        if (!service.container().mounts().isEmpty()) {
            homeVolume(yaml);
        }
        yaml.close();
    }

    /** The service's config folder, each file mounted back at its path in the folder. */
    private void configVolume(YamlText yaml, ServiceDefinition service) {
        yaml.item().scalar("name", "config").open("configMap").scalar("name", configMapName(service));
        yaml.sequence("items");
        configFiles(service).forEach(file -> yaml.item().scalar("key", configKey(file)).scalar("path", file).close());
        yaml.close().close().close();
    }

    /**
     * The generated credentials a container lists, each a file under /run/secrets (as compose's secrets), readable
     * by the image's group only (0440); never an environment variable.
     */
    private static void secretVolume(YamlText yaml, List<String> credentials, boolean withSecretsFile) {
        if (credentials.isEmpty()) {
            return;
        }
        yaml.item().scalar("name", "secrets").open("secret").scalar("secretName", SECRET)
                .scalar("defaultMode", 0440, "0440");
        yaml.sequence("items");
        credentials.forEach(name -> yaml.item().scalar("key", name).scalar("path", name).close());
        if (withSecretsFile) {
            yaml.item().scalar("key", "secrets.properties").scalar("path", "secrets.properties").close();
        }
        yaml.close().close().close();
    }

    private static void homeVolume(YamlText yaml) {
        yaml.item().scalar("name", "lakehouse-home").open("persistentVolumeClaim")
                .scalar("claimName", HOME_CLAIM).scalar("readOnly", true).close().close();
    }

    /**
     * Bootstrap, seed and verify as Jobs of the toolbox: compose's toolbox service (its image, entrypoint and
     * environment), run to completion. They are created suspended, since Kubernetes has no order between objects:
     * each is resumed once the stack (then the Job before it) is done (docs/kubernetes.md).
     */
    private String jobs() {
        ServiceDefinition image = catalog.get(ServiceContainer.TOOLBOX_IMAGE_OF);
        YamlText yaml = header(List.of(
                "The toolbox (compose's service of that name: the CLI inside the stack's network) as Jobs:",
                "bootstrap, seed and verify. The CLI and what it reads (sample data, jobs, marts) come from the",
                "repository volume (lakehouse-home.yaml), as compose mounts the checkout. Created suspended:",
                "resume each when the stack, then the Job before it, is done (docs/kubernetes.md). The state",
                "directory is the pod's own; its secrets file is the generated Secret's, as compose's toolbox reads it."));
        boolean first = true;
        for (String command : JOBS) {
            if (!first) {
                yaml.document();
            }
            first = false;
            object(yaml, "batch/v1", "Job", "lakehouse-" + command);
            yaml.open("spec").scalar("suspend", true).scalar("backoffLimit", 2, "each command is idempotent: run again after a failure");
            yaml.open("template").open("spec").scalar("restartPolicy", "Never");
            podBasics(yaml, true);
            yaml.sequence("containers").item().scalar("name", "toolbox");
            yaml.scalar("image", ImageBuilder.tag(image)).scalar("imagePullPolicy", "IfNotPresent");
            yaml.flowList("command", ServiceContainer.toolboxEntrypoint()).flowList("args", List.of(command));
            yaml.scalar("workingDir", ServiceContainer.TOOLBOX_HOME);
            Map<String, String> env = new LinkedHashMap<>(ServiceContainer.toolboxEnvironment());
            env.putAll(ServiceContainer.commandsEnvironment(catalog, KubernetesManifests::number));
            environment(yaml, env);
            resources(yaml, ServiceContainer.TOOLBOX_MEMORY_MB, ServiceContainer.TOOLBOX_MEMORY_MB);
            yaml.sequence("volumeMounts");
            mount(yaml, "lakehouse-home", ServiceContainer.TOOLBOX_HOME, true);
            mount(yaml, "state", ServiceContainer.TOOLBOX_STATE_DIR, false);
            mount(yaml, "secrets", ServiceContainer.SECRETS_DIR, true);
            yaml.item().scalar("name", "secrets").scalar("mountPath", ServiceContainer.TOOLBOX_STATE_DIR + "/secrets.properties")
                    .scalar("subPath", "secrets.properties").scalar("readOnly", true).close();
            yaml.close().close().close();
            yaml.sequence("volumes");
            homeVolume(yaml);
            yaml.item().scalar("name", "state").open("emptyDir").close().close();
            secretVolume(yaml, ServiceContainer.allCredentials(catalog), true);
            yaml.close().close().close().close();
        }
        return yaml.text();
    }

    private String baseKustomization(List<String> resources) {
        YamlText yaml = header(List.of(
                "The stack as compose runs it, one node's worth: apply an overlay (k8s/overlays/*), not this.",
                "The Secret is generated from " + SECRETS_ENV + " (`lakehouse k8s secrets` writes it, owner-only;",
                "git ignores it): every credential as a key, mounted as files under /run/secrets, and the whole",
                "file as secrets.properties for the toolbox's state directory. Nothing secret is committed."));
        kustomizationHead(yaml, "Kustomization");
        yaml.sequence("labels").item().open("pairs").scalar("app.kubernetes.io/part-of", "lakehouse").close()
                .close().close();
        List<String> all = new ArrayList<>(List.of("../../compose"));
        all.addAll(resources);
        yaml.blockList("resources", all);
        yaml.sequence("secretGenerator").item().scalar("name", SECRET)
                .blockList("envs", List.of("secrets.env"))
                .blockList("files", List.of("secrets.properties=secrets.env")).close().close();
        return yaml.text();
    }

    private String singleNode() {
        YamlText yaml = header(List.of(
                "The stack on one node, as compose runs it: the base as it is. The images are the project's own",
                "(`./lakehouse images` builds them); load them into the cluster (kind load docker-image, k3d image",
                "import) or push them and render with --registry PREFIX, which is written into the transform below."));
        kustomizationHead(yaml, "Kustomization");
        yaml.blockList("resources", List.of("../../base"));
        images(yaml);
        return yaml.text();
    }

    /**
     * The demo scale as an overlay of the base: the scaled model's added instances, each rendered as the base renders
     * a service (its own headless Service, StatefulSet or Deployment, name and volume), and what else differs between
     * the standard and the scaled rendering: the environment ConfigMap's added keys (the scale, from which each
     * container's {@code lakehouse container prepare} builds the same scaled model, and the instances' hosts and
     * ports), and the same ports for the containers that run CLI commands (Airflow, the toolbox Jobs).
     */
    private void scaledOverlay(Map<String, String> files) {
        String folder = OVERLAYS.get(1);
        ServiceCatalog scaled = catalog.scaled(ScaleSpec.DEMO);
        KubernetesManifests at = new KubernetesManifests(scaled, home, registry);
        List<String> resources = new ArrayList<>(List.of("../../base"));
        for (ServiceDefinition instance : scaled.all()) {
            if (instance.instance().isPresent()) {
                files.put(folder + "/" + instance.composeService() + ".yaml", at.service(instance));
                resources.add(instance.composeService() + ".yaml");
            }
        }
        YamlText yaml = header(List.of(
                "The stack at the demo scale (" + ScaleSpec.DEMO + "):",
                "the base, each added instance (rendered from the scaled model as the base's services are; "
                        + (resources.size() - 1) + " files",
                "here), and patches for what else the scale changes. Each container reads LAKEHOUSE_SCALE and",
                "renders its config for it (Kafka's quorum and replication, HDFS replication, Trino's coordinator",
                "and workers), as under compose and on the local runtime. Not run on a cluster here (no cluster",
                "runs in CI): built with kustomize and schema-checked; the same topology runs in CI on the local",
                "runtime (ScaledStackIT)."));
        kustomizationHead(yaml, "Kustomization");
        yaml.blockList("resources", resources);
        images(yaml);
        yaml.sequence("patches");
        Map<String, String> environment = added(ServiceContainer.stackEnvironment(catalog, KubernetesManifests::number),
                ServiceContainer.stackEnvironment(scaled, KubernetesManifests::number));
        YamlText configMap = new YamlText();
        object(configMap, "v1", "ConfigMap", ENVIRONMENT);
        configMap.open("data");
        environment.forEach(configMap::scalar);
        configMap.close();
        yaml.item().literal("patch", configMap.text()).close();
        Map<String, String> commands = added(ServiceContainer.commandsEnvironment(catalog, KubernetesManifests::number),
                ServiceContainer.commandsEnvironment(scaled, KubernetesManifests::number));
        StringBuilder envPatch = new StringBuilder();
        commands.forEach((name, value) -> envPatch.append("- op: add\n  path: /spec/template/spec/containers/0/env/-\n")
                .append("  value:\n    name: ").append(name).append("\n    value: \"").append(value).append("\"\n"));
        for (ServiceDefinition service : catalog.all()) {
            if (service.vendorImage().isEmpty() && service.container().runsCommands()) {
                yaml.item().open("target").scalar("kind", service.container().keepsData() ? "StatefulSet" : "Deployment")
                        .scalar("name", service.composeService()).close().literal("patch", envPatch.toString()).close();
            }
        }
        for (String job : JOBS) {
            yaml.item().open("target").scalar("kind", "Job").scalar("name", "lakehouse-" + job).close()
                    .literal("patch", envPatch.toString()).close();
        }
        yaml.close();
        files.put(folder + "/kustomization.yaml", yaml.text());
    }

    /** The entries of {@code scaled} that {@code standard} lacks or holds with another value. */
    private static Map<String, String> added(Map<String, String> standard, Map<String, String> scaled) {
        Map<String, String> added = new LinkedHashMap<>();
        scaled.forEach((key, value) -> {
            if (!value.equals(standard.get(key))) {
                added.put(key, value);
            }
        });
        return added;
    }

    /**
     * The stand-in as a Kustomize component, as compose's stand-ins/serving-store.yml: the project's own image of
     * the stand-in (its probe loop, its config folder) in place of the vendor's, on a data path of its own.
     */
    private String standInComponent() {
        ServiceDefinition service = catalog.all().stream().filter(s -> s.vendorImage().isPresent()).findFirst()
                .orElseThrow();
        String name = service.composeService();
        YamlText yaml = header(List.of(
                "Where " + service.vendorImage().orElseThrow().image() + " cannot be pulled: " + name + " runs "
                        + service.localStandIn().orElseThrow().product(),
                "from the project's own image, as compose/" + "stand-ins/" + name + ".yml does. Add it to an overlay:",
                "  components: [../../components/serving-store-stand-in]"));
        kustomizationHead(yaml, "Component");
        StringBuilder patch = new StringBuilder();
        YamlText p = new YamlText();
        object(p, "apps/v1", "StatefulSet", name);
        p.open("spec").open("template").open("spec");
        podBasics(p, true);
        p.sequence("containers");
        projectContainer(p, service);
        p.close();
        p.sequence("volumes");
        configVolume(p, service);
        p.close();
        p.close().close().close();
        patch.append(p.text());
        yaml.sequence("patches").item().literal("patch", patch.toString()).close().close();
        return yaml.text();
    }

    private void images(YamlText yaml) {
        yaml.comment(registry.isEmpty()
                ? "The project's images under their own names; `lakehouse k8s render --registry PREFIX` prefixes them."
                : "The project's images from the registry " + registry.orElseThrow() + ".");
        yaml.sequence("images");
        Map<String, String> repositories = new TreeMap<>();
        projectServices().forEach(s -> {
            String tag = ImageBuilder.tag(s);
            repositories.put(tag.substring(0, tag.lastIndexOf(':')), tag.substring(tag.lastIndexOf(':') + 1));
        });
        repositories.forEach((repository, tag) -> yaml.item().scalar("name", repository)
                .scalar("newName", registry.map(r -> r + "/" + repository).orElse(repository))
                .scalar("newTag", tag).close());
        yaml.close();
    }

    private static YamlText header(List<String> lines) {
        YamlText yaml = new YamlText();
        yaml.comment("GENERATED from the service model by `./lakehouse k8s render --write`: do not edit. Change the")
                .comment("model (bootstrap-cli/src/main/java/io/lakehouse/stack/services/) and render again; a test")
                .comment("fails while this file differs from the model's output.")
                .comment("");
        lines.forEach(yaml::comment);
        yaml.blank();
        return yaml;
    }

    private static void kustomizationHead(YamlText yaml, String kind) {
        yaml.scalar("apiVersion", kind.equals("Component") ? "kustomize.config.k8s.io/v1alpha1"
                : "kustomize.config.k8s.io/v1beta1").scalar("kind", kind);
    }

    private static void object(YamlText yaml, String apiVersion, String kind, String name) {
        yaml.scalar("apiVersion", apiVersion).scalar("kind", kind);
        yaml.open("metadata").scalar("name", name);
        if (!kind.equals("ConfigMap") && !kind.equals("PersistentVolumeClaim") && !kind.equals("Job")) {
            yaml.open("labels").scalar(NAME_LABEL, name).close();
        }
        yaml.close();
    }

    /**
     * A port's name (IANA service name: at most 15 characters): its variable without the service's prefix
     * ({@code FLINK_JOBMANAGER_RPC_PORT} of flink-jobmanager is "rpc"), "main" for the service's own port.
     */
    static String portName(ServiceDefinition service, PortSpec port) {
        String bare = port.variable().substring(0, port.variable().length() - "_PORT".length());
        String prefix = service.variablePrefix();
        String name = bare.equals(prefix) ? "main"
                : (bare.startsWith(prefix + "_") ? bare.substring(prefix.length() + 1) : bare);
        name = name.toLowerCase().replace('_', '-');
        return PORT_NAME.matcher(name).matches() && !name.contains("--") ? name : "tcp-" + port.defaultPort();
    }

    private static String number(PortSpec port) {
        return Integer.toString(port.defaultPort());
    }

    /** A model variable ({@code ${SERVING_STORE_PORT}}) as its number. */
    private String withPortNumbers(String text) {
        return ServiceContainer.withPorts(catalog, text, KubernetesManifests::number);
    }
}
