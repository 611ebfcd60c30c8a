package io.lakehouse.seed.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opening a user's text file: gzip by its magic bytes (not its name), the encoding by its byte-order mark or, without
 * one, UTF-8 when every byte sequence is valid UTF-8 and Latin-1 (as windows-1252, its superset in practice)
 * otherwise. The BOM is not part of the text.
 */
public final class TextInput {
    /** Latin-1 as files in the wild mean it: windows-1252 decodes 0x80-0x9F (€, “”) where ISO-8859-1 has controls. */
    public static final Charset LATIN_1 = Charset.forName("windows-1252");

    private TextInput() {
    }

    /** The file's bytes, decompressed when it is gzip. */
    public static InputStream bytes(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    /** The encoding: given (any Java charset name, or "latin-1"), else detected over the whole file. */
    public static Charset charset(Path file, String declared) throws IOException {
        if (declared != null) {
            return declared.equalsIgnoreCase("latin-1") || declared.equalsIgnoreCase("latin1")
                    ? LATIN_1 : Charset.forName(declared);
        }
        try (InputStream in = bytes(file)) {
            byte[] head = in.readNBytes(3);
            if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
                return StandardCharsets.UTF_16BE;
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
                return StandardCharsets.UTF_16LE;
            }
            if (head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
                return StandardCharsets.UTF_8;
            }
            return validUtf8(head, in) ? StandardCharsets.UTF_8 : LATIN_1;
        }
    }

    private static boolean validUtf8(byte[] head, InputStream rest) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        in.put(head);
        boolean eof = false;
        while (!eof) {
            int n = rest.read(in.array(), in.position(), in.remaining());
            if (n < 0) {
                eof = true;
            } else {
                in.position(in.position() + n);
            }
            in.flip();
            CoderResult result = decoder.decode(in, out, eof);
            if (result.isError()) {
                return false;
            }
            out.clear();
            in.compact();
        }
        return !decoder.flush(out).isError();
    }

    /** A reader of the decoded text, without the byte-order mark. */
    public static Reader reader(Path file, Charset charset) throws IOException {
        InputStream in = bytes(file);
        Reader reader = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        Reader buffered = new java.io.BufferedReader(reader, 1 << 16);
        buffered.mark(1);
        if (buffered.read() != '\uFEFF') {
            buffered.reset();
        }
        return buffered;
    }

    /**
     * An XML file's encoding as the XML spec says: its byte-order mark, else the {@code encoding} of its XML
     * declaration, else UTF-16 when the declaration itself is written in UTF-16 without a mark, else UTF-8.
     */
    public static Charset xmlCharset(Path file) throws IOException {
        byte[] head;
        try (InputStream in = bytes(file)) {
            head = in.readNBytes(1024);
        }
        int b0 = head.length > 0 ? head[0] & 0xff : -1;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        int b2 = head.length > 2 ? head[2] & 0xff : -1;
        if (b0 == 0xef && b1 == 0xbb && b2 == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (b0 == 0xfe && b1 == 0xff || b0 == 0x00 && b1 == 0x3c) {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xff && b1 == 0xfe || b0 == 0x3c && b1 == 0x00) {
            return StandardCharsets.UTF_16LE;
        }
        java.util.regex.Matcher declaration = java.util.regex.Pattern
                .compile("^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']")
                .matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!declaration.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = declaration.group(1);
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new InputRefusedException(file + ": the XML declaration names the encoding '" + name
                    + "', which this loader cannot decode; nothing was loaded");
        }
    }

    /**
     * The decoded text of an XML file ({@link #xmlCharset}), without the byte-order mark. {@code strict}: bytes that
     * are not valid in the encoding are an error (an {@link IOException} from {@code read}); otherwise they read as
     * U+FFFD (only for text that goes to quarantine anyway).
     */
    public static Reader xmlReader(Path file, Charset charset, boolean strict) throws IOException {
        InputStream in = bytes(file);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        in.reset();
        int skip = head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf
                ? 3 : head.length >= 2 && ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff
                || (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) ? 2 : 0;
        in.skipNBytes(skip);
        if (strict) {
            return new StrictReader(in, charset);
        }
        return new java.io.BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16);
    }

    /** Decodes strictly, handing out every character before a malformed byte before it reports the error. */
    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private boolean eof;
        private boolean flushed;
        private IOException pending;

        StrictReader(InputStream in, Charset charset) {
            this.in = in;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public int read(char[] chars, int off, int len) throws IOException {
            if (pending != null) {
                throw pending;
            }
            if (len == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(chars, off, len);
            while (true) {
                CoderResult result = decoder.decode(bytes, out, eof);
                if (result.isError()) {
                    try {
                        result.throwException();
                    } catch (CharacterCodingException e) {
                        if (out.position() > off) {
                            pending = e;
                            break;
                        }
                        throw e;
                    }
                }
                if (result.isOverflow() || out.position() > off) {
                    break;
                }
                if (eof) {
                    if (!flushed) {
                        flushed = true;
                        decoder.flush(out);
                    }
                    break;
                }
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            int n = out.position() - off;
            return n == 0 && eof ? -1 : n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Whether {@code charset} decodes {@code bytes} without an error (used by tests and inference). */
    static boolean decodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether the file holds nothing but white space (and a byte-order mark): no records at all. */
    public static boolean blank(Path file) throws IOException {
        try (InputStream in = bytes(file)) {
            byte[] head = in.readNBytes(1 << 16);
            if (in.read() >= 0) {
                return false;
            }
            for (byte b : head) {
                int v = b & 0xff;
                boolean space = v == ' ' || v == '\t' || v == '\n' || v == '\r' || v == 0
                        || v == 0xef || v == 0xbb || v == 0xbf || v == 0xfe || v == 0xff;
                if (!space) {
                    return false;
                }
            }
            return true;
        }
    }
}
