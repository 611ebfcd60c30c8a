package io.lakehouse.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class of the shared local stack ({@link LocalStack}). Its tag puts the class in the build's
 * {@code local-stack} test run, which ends by stopping that stack before any other stack starts (integration-tests'
 * pom: one stack at a time on 2 cores).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestStacks.LOCAL)
@ExtendWith(LocalStackExtension.class)
public @interface LocalStackTest {
}
