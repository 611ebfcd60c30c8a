package io.lakehouse.marts;

/**
 * What one refresh of one mart did: the engine, the rows it now holds, its version, how long it took, and whether it
 * was recomputed ({@code false}: its inputs and definition had not changed since its last refresh, see
 * {@link MartInputs}).
 */
public record MartRefresh(String mart, String engine, long rows, String version, double seconds, boolean recomputed) {
    public MartRefresh(String mart, String engine, long rows, String version, double seconds) {
        this(mart, engine, rows, version, seconds, true);
    }
}
