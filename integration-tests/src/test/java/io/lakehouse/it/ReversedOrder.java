package io.lakehouse.it;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

import java.util.Comparator;

/**
 * The test classes in the reverse of their {@link Order}: the proof that no class depends on what an earlier one
 * left behind. Run a stack's classes so with
 * {@code -Djunit.jupiter.testclass.order.default=io.lakehouse.it.ReversedOrder} (the README shows the command).
 */
public final class ReversedOrder implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        // classes of the same order (the compose-stack classes share one) are reversed too, by name
        context.getClassDescriptors().sort(Comparator.comparingInt(ReversedOrder::order)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()).reversed());
    }

    private static int order(ClassDescriptor descriptor) {
        return descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
    }
}
