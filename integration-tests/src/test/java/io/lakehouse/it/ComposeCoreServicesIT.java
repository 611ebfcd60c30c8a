package io.lakehouse.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;

/**
 * The same checks as {@link LocalCoreServicesIT}, against the compose stack built from the project's own images,
 * through Testcontainers. Where no Docker engine answers, JUnit reports this class as skipped (never as passed).
 */
@Order(2)
@ComposeStackTest
class ComposeCoreServicesIT extends CoreServicesContract {
    private StackEndpoints endpoints;

    @BeforeEach
    void stack(ComposeStack stack) {
        endpoints = stack.endpoints();
    }

    @Override
    StackEndpoints endpoints() {
        return endpoints;
    }
}
