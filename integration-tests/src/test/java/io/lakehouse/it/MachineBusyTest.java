package io.lakehouse.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The busy share of a phase, from two readings of /proc/stat's first line. */
class MachineBusyTest {
    @Test
    void busyNiceAndStealAreSharesOfAllTheProcessorsTime() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        MachineBusy.Sample from = MachineBusy.Sample.parse(0, "cpu  100 0 50 850 0 0 0 0 0 0").orElseThrow();
        MachineBusy.Sample to = MachineBusy.Sample.parse(1, "cpu  700 100 150 1010 30 5 5 10 0 0").orElseThrow();
        // 1,010 ticks passed: busy 600 + 100 + 100 + 5 + 5 = 810, nice 100, steal 10, idle 160 + iowait 30
        assertEquals("machine 80 % busy (nice 10 %, steal 1 %)", MachineBusy.describe(from, to));
        MachineBusy.Sample quiet = MachineBusy.Sample.parse(2, "cpu  800 100 150 1910 30 5 5 10 0 0").orElseThrow();
        assertEquals("machine 10 % busy (nice 0 %)", MachineBusy.describe(to, quiet));
    }

    @Test
    void aLineThatIsNotTheProcessorsTotalGivesNothing() {
        assertTrue(MachineBusy.Sample.parse(0, "cpu0 1 2 3 4 5 6 7 8").isEmpty());
        assertTrue(MachineBusy.Sample.parse(0, "cpu 1 2").isEmpty());
        assertEquals("", MachineBusy.describe(MachineBusy.Sample.parse(0, "cpu 1 0 0 1 0 0 0 0").orElseThrow(),
                MachineBusy.Sample.parse(0, "cpu 1 0 0 1 0 0 0 0").orElseThrow()));
    }
}
