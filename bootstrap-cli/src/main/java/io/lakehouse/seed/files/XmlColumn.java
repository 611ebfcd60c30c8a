package io.lakehouse.seed.files;

import java.util.Arrays;

/** One column of the schema, its source split into steps. */
final class XmlColumn {
    final ColumnSpec spec;
    final String[] steps;
    final boolean array;
    final String attribute;

    XmlColumn(ColumnSpec spec) {
        this.spec = spec;
        String source = spec.source();
        this.array = source.endsWith("[]");
        if (array) {
            source = source.substring(0, source.length() - 2);
        }
        String[] all = source.equals(".") ? new String[0] : source.split("/");
        if (all.length > 0 && all[all.length - 1].startsWith("@")) {
            this.attribute = all[all.length - 1].substring(1);
            this.steps = Arrays.copyOf(all, all.length - 1);
        } else {
            this.attribute = null;
            this.steps = all;
        }
    }
}
