package io.lakehouse.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The services a test class needs from the shared {@link LocalStack} (their dependencies come along). Without it a
 * class gets the whole stack. Running such a class alone ({@code -Dit.test=...}) starts only what it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StackServices {
    String[] value();
}
