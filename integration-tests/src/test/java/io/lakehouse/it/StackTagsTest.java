package io.lakehouse.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every integration test class runs in exactly one of the build's stack runs: it carries exactly one stack tag, and
 * the pom's failsafe executions are those tags, in {@link TestStacks#IN_ORDER}. A class without a tag would run in no
 * execution at all, silently.
 */
class StackTagsTest {
    private static final Path HOME = Path.of(System.getProperty("lakehouse.home")).toAbsolutePath().normalize();
    private static final Path SOURCES = HOME.resolve("integration-tests/src/test/java/io/lakehouse/it");

    @Test
    void everyIntegrationTestClassHasExactlyOneStackTag() throws Exception {
        List<String> classes = integrationTestClasses();
        assertFalse(classes.isEmpty(), "no *IT classes found under " + SOURCES);
        List<String> wrong = new ArrayList<>();
        for (String name : classes) {
            Class<?> type = Class.forName("io.lakehouse.it." + name);
            List<String> tags = stackTags(type);
            if (tags.size() != 1) {
                wrong.add(name + " " + tags);
            }
        }
        assertEquals(List.of(), wrong, "each IT class needs exactly one of " + TestStacks.IN_ORDER
                + " (@LocalStackTest, @ComposeStackTest or @Tag(TestStacks.DOCKER_CLI))");
    }

    @Test
    void thePomRunsOneExecutionPerStackInOrder() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(HOME.resolve("integration-tests/pom.xml").toFile());
        var groups = pom.getElementsByTagName("groups");
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            executions.add(groups.item(i).getTextContent().strip());
        }
        assertEquals(TestStacks.IN_ORDER, executions, "failsafe executions (their <groups>) in the integration-tests pom");
    }

    private static List<String> integrationTestClasses() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("IT.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
    }

    /** The stack tags on a class, directly or through a meta-annotation such as {@link LocalStackTest}. */
    private static List<String> stackTags(Class<?> type) {
        List<String> tags = new ArrayList<>();
        Arrays.stream(type.getAnnotationsByType(Tag.class)).map(Tag::value).forEach(tags::add);
        for (var annotation : type.getAnnotations()) {
            Arrays.stream(annotation.annotationType().getAnnotationsByType(Tag.class)).map(Tag::value)
                    .forEach(tags::add);
        }
        return tags.stream().filter(TestStacks.IN_ORDER::contains).toList();
    }
}
