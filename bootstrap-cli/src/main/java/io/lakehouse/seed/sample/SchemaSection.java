package io.lakehouse.seed.sample;

import io.lakehouse.shop.ShopSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shop's tables as {@code sample-data/README.md} documents them: the lines between two markers, generated from
 * {@link ShopSchema} (by {@link SampleDataMain}, checked for freshness by a test), never edited by hand.
 */
public final class SchemaSection {
    public static final String BEGIN = "<!-- shop schema: generated from io.lakehouse.shop.ShopSchema by SampleDataMain; "
            + "do not edit -->";
    public static final String END = "<!-- end of the generated shop schema -->";

    private SchemaSection() {
    }

    /** The text between the markers (without them), as it should be. */
    public static String expected() {
        return "\n" + ShopSchema.markdown() + "\n";
    }

    /** The text between the markers of {@code readme} as it is; an error when either marker is missing. */
    public static String current(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("sample-data/README.md has no generated shop schema section: put the "
                    + "lines " + BEGIN + " and " + END + " where it belongs, then run SampleDataMain");
        }
        return readme.substring(begin + BEGIN.length(), end);
    }

    /** Rewrites the section of the README in place; returns whether it changed. */
    public static boolean refresh(Path readme) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String current = current(text);
        if (current.equals(expected())) {
            return false;
        }
        int begin = text.indexOf(BEGIN) + BEGIN.length();
        Files.writeString(readme, text.substring(0, begin) + expected() + text.substring(text.indexOf(END)),
                StandardCharsets.UTF_8);
        return true;
    }
}
