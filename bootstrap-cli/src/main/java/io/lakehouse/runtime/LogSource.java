package io.lakehouse.runtime;

import java.nio.file.Path;
import java.util.List;

/** Where a service's output goes (a file, a container's log), so failures can quote its last lines. */
public interface LogSource {
    String location();

    List<String> tail(int lines);

    static LogSource file(Path log) {
        return new LogSource() {
            @Override
            public String location() {
                return log.toString();
            }

            @Override
            public List<String> tail(int lines) {
                return LogFiles.tail(log, lines);
            }
        };
    }
}
