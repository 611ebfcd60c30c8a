package io.lakehouse.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;

/**
 * Gives tests the shared {@link LocalStack} with the services their class needs ({@link StackServices}; all by
 * default) running, starting them on first use.
 */
public final class LocalStackExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<String> services = context.getTestClass().map(c -> c.getAnnotation(StackServices.class))
                .map(s -> List.of(s.value())).orElse(List.of());
        return LocalStack.get(context, services);
    }
}
