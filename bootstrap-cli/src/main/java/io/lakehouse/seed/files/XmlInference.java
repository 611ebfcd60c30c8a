package io.lakehouse.seed.files;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.lakehouse.seed.files.SchemaInference.SAMPLE_RECORDS;

/** An XML file's schema: the record element (the most repeated child of the root) and a column per value path. */
final class XmlInference {
    private XmlInference() {
    }

    static FileSchema infer(Path file) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        String root = null;
        Map<String, Integer> childCounts = new LinkedHashMap<>();
        try (InputStream in = TextInput.bytes(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            int depth = 0;
            int seen = 0;
            while (xml.hasNext() && seen < SAMPLE_RECORDS * 4) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 1) {
                        root = xml.getLocalName();
                    } else if (depth == 2) {
                        childCounts.merge(xml.getLocalName(), 1, Integer::sum);
                        seen++;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            // a sample up to the first error is still a sample
        }
        if (root == null || childCounts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no repeated element under the root to take as records; "
                    + "pass --schema FILE with \"record\": \"/root/element\"");
        }
        String recordName = childCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String recordPath = "/" + root + "/" + recordName;
        // read sample records with a catch-all schema to collect the value paths
        Map<String, List<String>> values = new LinkedHashMap<>();
        try (InputStream in = TextInput.bytes(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            List<String> stack = new ArrayList<>();
            int records = 0;
            while (xml.hasNext() && records < SAMPLE_RECORDS) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    stack.add(xml.getLocalName());
                    if (stack.size() == 2 && xml.getLocalName().equals(recordName)) {
                        records++;
                        collectXml(xml, "", values, 0);
                        stack.remove(stack.size() - 1);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                }
            }
        } catch (XMLStreamException e) {
            // as above
        }
        List<ColumnSpec> columns = new ArrayList<>();
        ColumnNames names = new ColumnNames();
        int c = 0;
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            columns.add(new ColumnSpec(names.next(e.getKey(), c++), TypeGuess.of(e.getValue()), false,
                    e.getKey()));
        }
        return new FileSchema(FileFormat.XML, null, null, null, recordPath, columns);
    }

    /** Collects attribute and leaf-text paths of the current element, two levels deep. */
    private static void collectXml(XMLStreamReader xml, String prefix, Map<String, List<String>> values, int level)
            throws XMLStreamException {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            values.computeIfAbsent(prefix + "@" + xml.getAttributeLocalName(i), k -> new ArrayList<>())
                    .add(xml.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        boolean hasChildren = false;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                hasChildren = true;
                String child = xml.getLocalName();
                if (level < 2) {
                    collectXml(xml, prefix + child + "/", values, level + 1);
                } else {
                    skip(xml);
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (!hasChildren && !prefix.isEmpty()) {
                    String path = prefix.substring(0, prefix.length() - 1);
                    List<String> list = values.computeIfAbsent(path, k -> new ArrayList<>());
                    if (!text.toString().isBlank()) {
                        list.add(text.toString().strip());
                    }
                }
                return;
            }
        }
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

}
