package io.lakehouse.stack;

/**
 * A vendor's service that only the docker runtime starts, when its image is there (StarRocks): found like a
 * {@link ServiceDescription}, in the same package.
 */
public interface OnDemandDescription {
    OnDemandService definition(Versions versions);
}
