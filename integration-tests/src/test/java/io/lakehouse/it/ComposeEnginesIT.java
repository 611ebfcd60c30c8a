package io.lakehouse.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;

/** The engines contract (Spark and Trino on one Iceberg catalog) against the compose stack's containers. */
@Order(2)
@ComposeStackTest
class ComposeEnginesIT extends EnginesContract {
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
