package io.lakehouse.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;

/** The core services on the local runtime: real processes started once for the whole run. */
@Order(1)
@LocalStackTest
class LocalCoreServicesIT extends CoreServicesContract {
    private StackEndpoints endpoints;

    @BeforeEach
    void stack(LocalStack stack) {
        endpoints = stack.endpoints();
    }

    @Override
    StackEndpoints endpoints() {
        return endpoints;
    }
}
