package io.lakehouse.seed.files;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An XML file's schema, from the whole file (streamed twice, memory bounded by the number of distinct paths): the
 * record element, and a column for every value path seen in any record.
 *
 * <p>The record element is the most repeated child of the root; when the root's children each occur once (a
 * wrapper such as RSS's {@code <channel>}), the most repeated element below the wrapper ({@code /rss/channel/item}).
 * Columns: attributes ({@code @sku}, {@code price/@currency}), element text at any depth
 * ({@code supplier/address/city}), the record's own text ({@code .}, named after the record element), and for an
 * element that occurs more than once under one parent in any record, one JSON-array column ({@code tags/tag[]})
 * in place of the paths below it. Types come from every value ({@link TypeGuess}); names from {@link ColumnNames}.
 */
final class XmlInference {
    static final int MAX_COLUMNS = 4096;
    private static final int WRAPPER_DEPTH = 4;

    private XmlInference() {
    }

    /** What was seen at one path inside the records. */
    private static final class PathInfo {
        final TypeGuess guess = new TypeGuess();
        boolean text;
        boolean children;
        boolean attributes;
    }

    static FileSchema infer(Path file) throws IOException {
        Charset charset = TextInput.xmlCharset(file);
        List<String> recordPath = recordPath(file, charset);
        String recordName = recordPath.get(recordPath.size() - 1);

        Map<String, PathInfo> paths = new LinkedHashMap<>();
        Set<String> repeated = new HashSet<>();
        try (Reader text = TextInput.xmlReader(file, charset, true)) {
            XmlDocument document = new XmlDocument(file, text);
            try {
                while (document.nextStart()) {
                    if (!document.path.equals(recordPath)) {
                        document.passStart();
                        continue;
                    }
                    collect(document.readElement(), paths, repeated);
                    if (paths.size() > MAX_COLUMNS) {
                        throw new IllegalArgumentException(file + ": records hold more than " + MAX_COLUMNS
                                + " distinct value paths; pass --schema FILE naming the columns to load");
                    }
                }
            } catch (XMLStreamException e) {
                // the records up to a fatal error give the schema; loading quarantines the rest piece by piece
                document.refuseIfMust(e);
            }
        }

        List<ColumnSpec> columns = new ArrayList<>();
        ColumnNames names = new ColumnNames();
        for (Map.Entry<String, PathInfo> e : paths.entrySet()) {
            String path = e.getKey();
            PathInfo info = e.getValue();
            if (underRepeated(path, repeated)) {
                continue;
            }
            String source;
            TypeGuess guess = info.guess;
            if (repeated.contains(path)) {
                source = path + "[]";
                guess = new TypeGuess();
                guess.addStructure();
            } else if (path.equals(".")) {
                if (!info.text) {
                    continue;
                }
                source = ".";
            } else if (lastStep(path).startsWith("@")) {
                source = path;
            } else if (info.text || !info.children && !info.attributes) {
                source = path;
            } else {
                continue;
            }
            String name = names.next(source.equals(".") ? recordName : source, columns.size());
            columns.add(new ColumnSpec(name, guess.type(), false, source));
        }
        if (columns.isEmpty()) {
            if (paths.isEmpty()) {
                throw new IllegalArgumentException(file + ": no " + String.join("/", recordPath)
                        + " record could be read to infer a schema from; pass --schema FILE");
            }
            columns.add(new ColumnSpec(names.next(recordName, 0), ColumnType.STRING, false, "."));
        }
        return new FileSchema(FileFormat.XML, null, null, null, "/" + String.join("/", recordPath), columns);
    }

    private static String lastStep(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether a proper ancestor of {@code path} is a repeated element (its items are JSON, not columns). */
    private static boolean underRepeated(String path, Set<String> repeated) {
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            if (repeated.contains(path.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** Adds one record's paths and values, walking its elements with an explicit stack. */
    private static void collect(XmlElement record, Map<String, PathInfo> paths, Set<String> repeated) {
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[]{record, "."});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            XmlElement element = (XmlElement) next[0];
            String path = (String) next[1];
            String prefix = path.equals(".") ? "" : path + "/";
            PathInfo info = paths.computeIfAbsent(path, k -> new PathInfo());
            String text = element.textValue();
            if (text != null) {
                info.text = true;
                info.guess.add(text);
            }
            info.attributes |= !element.attributes.isEmpty();
            info.children |= !element.children.isEmpty();
            for (Map.Entry<String, String> a : element.attributes.entrySet()) {
                String value = a.getValue();
                paths.computeIfAbsent(prefix + "@" + a.getKey(), k -> new PathInfo())
                        .guess.add(value.isEmpty() ? null : value);
            }
            Map<String, Integer> counts = new HashMap<>();
            for (XmlElement c : element.children) {
                if (counts.merge(c.name, 1, Integer::sum) == 2) {
                    repeated.add(prefix + c.name);
                }
            }
            for (int i = element.children.size() - 1; i >= 0; i--) {
                XmlElement c = element.children.get(i);
                todo.push(new Object[]{c, prefix + c.name});
            }
        }
    }

    /**
     * The record element: the most repeated child of the root, or below single wrappers the most repeated element
     * (local names, as record paths are matched).
     */
    private static List<String> recordPath(Path file, Charset charset) throws IOException {
        String root = null;
        Map<String, Map<String, Integer>> childCounts = new HashMap<>();
        try (Reader text = TextInput.xmlReader(file, charset, true)) {
            XmlDocument document = new XmlDocument(file, text);
            List<String> path = document.path;
            try {
                while (document.nextStart()) {
                    int parents = path.size() - 1;
                    if (parents == 0) {
                        root = path.get(0);
                    } else if (parents <= WRAPPER_DEPTH) {
                        childCounts.computeIfAbsent(String.join("/", path.subList(0, parents)),
                                k -> new LinkedHashMap<>()).merge(path.get(parents), 1, Integer::sum);
                    }
                    document.passStart();
                }
            } catch (XMLStreamException e) {
                // the elements up to a fatal error tell the record element
                document.refuseIfMust(e);
            }
        }
        if (root == null || !childCounts.containsKey(root)) {
            throw new IllegalArgumentException(file + ": no element under the root to take as records; "
                    + "pass --schema FILE with \"record\": \"/root/element\"");
        }
        String parent = root;
        for (int level = 1; level < WRAPPER_DEPTH; level++) {
            Map<String, Integer> children = childCounts.get(parent);
            Map.Entry<String, Integer> best = children.entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElseThrow();
            if (best.getValue() >= 2) {
                return List.of((parent + "/" + best.getKey()).split("/"));
            }
            // every child occurs once: descend into the wrapper under which an element repeats most
            String wrapper = null;
            int most = 1;
            for (String child : children.keySet()) {
                Map<String, Integer> below = childCounts.get(parent + "/" + child);
                int max = below == null ? 0 : below.values().stream().max(Integer::compare).orElse(0);
                if (max > most) {
                    most = max;
                    wrapper = child;
                }
            }
            if (wrapper == null) {
                break;
            }
            parent = parent + "/" + wrapper;
        }
        Map<String, Integer> rootChildren = childCounts.get(root);
        String first = rootChildren.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return List.of(root, first);
    }
}
