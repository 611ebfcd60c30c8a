package io.lakehouse.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class of the shared compose stack ({@link ComposeStack}, through Testcontainers); skipped where no Docker
 * engine answers. Its tag puts the class in the build's {@code compose-stack} test run, after the local stack's run
 * has ended and its processes are gone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestStacks.COMPOSE)
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ComposeStackExtension.class)
public @interface ComposeStackTest {
}
