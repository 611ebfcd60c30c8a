package io.lakehouse.stack;

/** Which Java feature releases a JVM service runs on; {@code maximum} 0 means no upper bound. */
public record JdkRequirement(int minimum, int maximum) {
    public JdkRequirement {
        if (minimum < 8 || (maximum != 0 && maximum < minimum)) {
            throw new IllegalArgumentException("bad JDK range " + minimum + ".." + maximum);
        }
    }

    public static JdkRequirement atLeast(int minimum) {
        return new JdkRequirement(minimum, 0);
    }

    public boolean accepts(int feature) {
        return feature >= minimum && (maximum == 0 || feature <= maximum);
    }

    @Override
    public String toString() {
        return maximum == 0 ? "JDK " + minimum + "+" : minimum == maximum ? "JDK " + minimum
                : "JDK " + minimum + " to " + maximum;
    }
}
