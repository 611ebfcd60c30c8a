package io.lakehouse.cli;

import io.lakehouse.cli.render.ProgressLine;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {
    @Test
    void elsewhereThanATerminalEachChangeIsOneLineAndNoLineRepeats() {
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text), false);
        line.println("[catch-up]");
        line.update("10365 record(s) behind");
        line.update("10365 record(s) behind");
        line.update("10365 record(s) behind");
        line.update("5011 record(s) behind");
        line.println("  done");
        assertEquals(String.join(System.lineSeparator(), "[catch-up]", "  10365 record(s) behind",
                "  5011 record(s) behind", "  done", ""), text.toString());
    }

    @Test
    void onATerminalTheLineIsUpdatedInPlaceAndKeptUnderItsHeading() {
        StringWriter text = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(text), true);
        line.println("[events]");
        line.update("1,000 / 2,000 events");
        line.update("2,000 / 2,000 events");
        line.println("  done");
        assertEquals("[events]" + System.lineSeparator() + "\r\033[K  1,000 / 2,000 events\r\033[K  2,000 / 2,000 events"
                + System.lineSeparator() + "  done" + System.lineSeparator(), text.toString());
    }
}
