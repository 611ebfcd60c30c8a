package io.lakehouse.runtime.process;

import io.lakehouse.stack.JdkRequirement;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdkLocatorTest {

    @Test
    void findsTheRunningJdkByLookingNotByAFixedPath() {
        JdkLocator locator = JdkLocator.scan();
        int running = Runtime.version().feature();
        Jdk found = locator.find(JdkRequirement.atLeast(running)).orElseThrow();
        assertEquals(running, found.feature());
        assertTrue(found.java().toFile().canExecute());
    }

    @Test
    void aMissingJdkSaysWhatIsNeededWhatWasFoundAndWhereItLooked() {
        JdkLocator locator = JdkLocator.scan();
        JdkRequirement impossible = JdkRequirement.atLeast(99);
        assertTrue(locator.find(impossible).isEmpty());
        String message = locator.explainMissing(impossible);
        assertTrue(message.contains("JDK 99+ is needed") && message.contains("/usr/lib/jvm")
                && message.contains(Integer.toString(Runtime.version().feature())) && message.contains("JAVA_HOME"),
                message);
    }

    @Test
    void anUpperBoundIsHonoured() {
        assertTrue(new JdkRequirement(17, 17).accepts(17));
        assertTrue(!new JdkRequirement(17, 17).accepts(25));
    }
}
