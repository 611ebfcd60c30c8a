package io.lakehouse.marts;

/** What one refresh of one mart did: the engine, the rows it now holds, its new version, how long it took. */
public record MartRefresh(String mart, String engine, long rows, String version, double seconds) {
}
