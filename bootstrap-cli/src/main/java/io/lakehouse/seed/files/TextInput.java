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

    /** Whether {@code charset} decodes {@code bytes} without an error (used by tests and inference). */
    static boolean decodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
