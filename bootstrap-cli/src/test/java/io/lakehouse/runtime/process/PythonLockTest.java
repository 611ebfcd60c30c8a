package io.lakehouse.runtime.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Python application's committed lock was made from its requirements.txt as Maven renders it from the root
 * pom's versions today: a changed pin or version without a new lock fails here, with the command that re-locks.
 */
class PythonLockTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void everyLockFitsItsRenderedRequirements() throws Exception {
        Map<String, String> versions = rootPomProperties();
        List<Path> apps = pythonApplications();
        assertEquals(3, apps.size(), "airflow, jupyter, superset: " + apps);
        for (Path app : apps) {
            String rendered = render(Files.readString(app.resolve(PythonLock.REQUIREMENTS)), versions);
            Path lock = app.resolve(PythonLock.FILE);
            assertTrue(Files.isRegularFile(lock), lock + " is missing; make it with '" + PythonLock.REGENERATE + "'");
            assertTrue(new PythonLock(lock).fits(rendered), ROOT.relativize(lock) + " was locked from other "
                    + "requirements than " + ROOT.relativize(app.resolve(PythonLock.REQUIREMENTS)) + " with the root "
                    + "pom's versions; re-lock with '" + PythonLock.REGENERATE + "'");
            Path built = app.resolve("target/dist").resolve(PythonLock.REQUIREMENTS);
            if (Files.isRegularFile(built)) {
                assertEquals(Files.readString(built), rendered, "this test renders as Maven does");
            }
        }
    }

    @Test
    void aChangedPinOrVersionIsCaught(@TempDir Path dir) throws Exception {
        Path app = ROOT.resolve("services/airflow");
        Map<String, String> versions = new HashMap<>(rootPomProperties());
        String requirements = Files.readString(app.resolve(PythonLock.REQUIREMENTS));
        PythonLock lock = new PythonLock(app.resolve(PythonLock.FILE));
        assertTrue(lock.fits(render(requirements, versions)));

        versions.put("airflow.version", versions.get("airflow.version") + ".post1");
        assertFalse(lock.fits(render(requirements, versions)), "a version bump in pom.xml");
        assertFalse(lock.fits(render(requirements + "rich\n", rootPomProperties())), "a new pin in requirements.txt");

        // the service folder's check (preflight, images) says how to re-lock
        Path dist = Files.createDirectories(dir.resolve("services/airflow/target/dist"));
        Files.writeString(dist.resolve(PythonLock.REQUIREMENTS), render(requirements, versions));
        Files.copy(lock.file(), dist.resolve(PythonLock.FILE));
        assertTrue(PythonLock.problem(dist).orElseThrow().contains(PythonLock.REGENERATE));
        Files.writeString(dist.resolve(PythonLock.REQUIREMENTS), render(requirements, rootPomProperties()));
        assertTrue(PythonLock.problem(dist).isEmpty());
    }

    private static List<Path> pythonApplications() throws Exception {
        try (Stream<Path> services = Files.list(ROOT.resolve("services"))) {
            return services.filter(s -> Files.isRegularFile(s.resolve(PythonLock.REQUIREMENTS))).sorted().toList();
        }
    }

    /** Maven's resource filtering of ${...}, over the root pom's properties (which may name each other). */
    private static String render(String text, Map<String, String> properties) {
        Matcher m = PROPERTY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = properties.get(m.group(1));
            if (value == null) {
                throw new AssertionError("no property " + m.group(1) + " in the root pom.xml");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(render(value, properties)));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, String> rootPomProperties() throws Exception {
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml")
                .toFile()).getDocumentElement().getElementsByTagName("properties").item(0).getChildNodes();
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                Element property = (Element) nodes.item(i);
                properties.put(property.getTagName(), property.getTextContent().strip());
            }
        }
        return properties;
    }
}
