package io.lakehouse.seed.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON-lines record flattened to its values by path, at any depth: {@code {"user":{"address":{"city":"Oslo"}}}}
 * gives {@code /user/address/city = Oslo} (JSON Pointer paths, so keys holding dots, slashes or nothing stay
 * apart). A value keeps the text it had in the line: a number as written ({@code 1.50} stays {@code 1.50}), a
 * string unescaped; an array, or an empty object, is kept as its JSON text. Duplicate keys, text after the object
 * and comments make the line not a record.
 */
final class JsonLine {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A path's value: its text (null for JSON null), and whether it is JSON text of an array or object. */
    record Value(String text, boolean structure) {
    }

    private JsonLine() {
    }

    /** The values of a line that holds one JSON object; an exception says why it is not one. */
    static Map<String, Value> flatten(String line) throws NotARecord {
        Map<String, Value> values = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new NotARecord("a JSON lines record must be an object, found " + describe(first));
            }
            readObject(parser, line, "", values);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new NotARecord("text after the object at column " + parser.currentTokenLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new NotARecord("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NotARecord("not JSON: " + e.getMessage());
        }
        return values;
    }

    private static void readObject(JsonParser parser, String line, String prefix, Map<String, Value> values)
            throws IOException {
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String path = prefix + "/" + parser.currentName().replace("~", "~0").replace("/", "~1");
            JsonToken value = parser.nextToken();
            switch (value) {
                case START_OBJECT -> {
                    long start = parser.currentTokenLocation().getCharOffset();
                    int before = values.size();
                    readObject(parser, line, path, values);
                    if (values.size() == before) {
                        values.put(path, new Value(line.substring((int) start,
                                (int) parser.currentLocation().getCharOffset()), true));
                    }
                }
                case START_ARRAY -> {
                    long start = parser.currentTokenLocation().getCharOffset();
                    parser.skipChildren();
                    values.put(path, new Value(line.substring((int) start,
                            (int) parser.currentLocation().getCharOffset()), true));
                }
                case VALUE_NULL -> values.put(path, new Value(null, false));
                default -> values.put(path, new Value(parser.getText(), false));
            }
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** A schema source as a JSON Pointer: {@code /a/b} as is, a dotted {@code a.b} (as people write it) split. */
    static String pointer(String source) {
        if (source.startsWith("/")) {
            return source;
        }
        List<String> steps = new ArrayList<>(List.of(source.split("\\.", -1)));
        StringBuilder p = new StringBuilder();
        steps.forEach(s -> p.append('/').append(s.replace("~", "~0").replace("/", "~1")));
        return p.toString();
    }

    /** A pointer as a schema source: dotted where that is unambiguous, the pointer where it is not. */
    static String source(String pointer) {
        String[] steps = pointer.substring(1).split("/", -1);
        StringBuilder dotted = new StringBuilder();
        for (String raw : steps) {
            String step = raw.replace("~1", "/").replace("~0", "~");
            if (step.isEmpty() || step.contains(".") || step.contains("/") || step.contains("~")
                    || !step.equals(step.strip())) {
                return pointer;
            }
            dotted.append(dotted.isEmpty() ? "" : ".").append(step);
        }
        return dotted.toString();
    }

    /** The readable name of a path, for column naming: {@code /user/address/city} → {@code user.address.city}. */
    static String readable(String pointer) {
        String[] steps = pointer.substring(1).split("/", -1);
        List<String> out = new ArrayList<>();
        for (String s : steps) {
            out.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return String.join(".", out);
    }

    /** Why a line is not a record. */
    static final class NotARecord extends Exception {
        NotARecord(String message) {
            super(message, null, false, false);
        }
    }
}
