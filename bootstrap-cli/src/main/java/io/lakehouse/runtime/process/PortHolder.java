package io.lakehouse.runtime.process;

/** The process listening on a port, as far as this user can see it (pid 0 when the owner is not visible). */
public record PortHolder(int port, long pid, String command) {
    public String describe() {
        return pid > 0 ? "pid " + pid + " (" + command + ")" : "another user's process";
    }
}
