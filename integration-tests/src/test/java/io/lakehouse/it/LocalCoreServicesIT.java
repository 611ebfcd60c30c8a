package io.lakehouse.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/** The core services on the local runtime: real processes started once for the whole run. */
@Order(1)
@ExtendWith(LocalStackExtension.class)
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
