package org.netra.interop.dicomweb;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * multipart/related bodies (RFC 2387 over RFC 2046 section 5.1), as DICOMweb uses them for WADO-RS
 * responses and STOW-RS requests.
 */
public final class Multipart {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One body part: its headers (names in lower case) and its content. */
    public record Part(Map<String, String> headers, byte[] content) {
        public Optional<String> contentType() {
            return Optional.ofNullable(headers.get("content-type"));
        }
    }

    private Multipart() {}

    /** A boundary that occurs in none of the contents (RFC 2046: at most 70 characters). */
    public static String boundary(List<byte[]> contents) {
        while (true) {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            String boundary = "netra-" + HexFormat.of().formatHex(random);
            byte[] needle = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            if (contents.stream().noneMatch(c -> indexOf(c, needle, 0) >= 0)) {
                return boundary;
            }
        }
    }

    /**
     * The body as a list of byte chunks (no copy of the contents), each part with the given content
     * type.
     */
    public static List<byte[]> build(String boundary, String partContentType, List<byte[]> contents) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] content : contents) {
            chunks.add(("--" + boundary + "\r\nContent-Type: " + partContentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunks.add(content);
            chunks.add(CRLF);
        }
        chunks.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return chunks;
    }

    /** The boundary parameter of a multipart Content-Type header, unquoted. */
    public static String boundaryOf(String contentType) {
        String b = parameter(contentType, "boundary")
                .orElseThrow(() -> new IllegalArgumentException("no boundary in Content-Type " + contentType));
        if (b.isEmpty() || b.length() > 70) {
            throw new IllegalArgumentException("invalid multipart boundary '" + b + "' in " + contentType);
        }
        return b;
    }

    /** A parameter of a header value such as {@code multipart/related; type="application/dicom"}. */
    public static Optional<String> parameter(String headerValue, String name) {
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            int eq = headerValue.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String key = headerValue.substring(i + 1, eq).strip();
            int start = eq + 1;
            String value;
            int next;
            if (start < headerValue.length() && headerValue.charAt(start) == '"') {
                var sb = new StringBuilder();
                int k = start + 1;
                while (k < headerValue.length() && headerValue.charAt(k) != '"') {
                    if (headerValue.charAt(k) == '\\' && k + 1 < headerValue.length()) {
                        k++;
                    }
                    sb.append(headerValue.charAt(k++));
                }
                value = sb.toString();
                next = headerValue.indexOf(';', k);
            } else {
                next = headerValue.indexOf(';', start);
                value = headerValue
                        .substring(start, next < 0 ? headerValue.length() : next)
                        .strip();
            }
            if (key.equalsIgnoreCase(name)) {
                return Optional.of(value);
            }
            i = next;
        }
        return Optional.empty();
    }

    /**
     * The parts of a multipart body. The preamble before the first delimiter and the epilogue after
     * the closing one are ignored; a body without its closing delimiter is an error (a truncated
     * transfer must not pass as a shorter series).
     */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos;
        if (startsWith(body, 0, dashBoundary)) {
            pos = dashBoundary.length;
        } else {
            int d = indexOf(body, delimiter, 0);
            if (d < 0) {
                throw new IllegalArgumentException("no multipart delimiter --" + boundary + " in the body");
            }
            pos = d + delimiter.length;
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return parts; // close delimiter
            }
            pos = skipTransportPadding(body, pos);
            if (!startsWith(body, pos, CRLF)) {
                throw new IllegalArgumentException("malformed multipart delimiter line at byte " + pos);
            }
            pos += 2;
            Map<String, String> headers;
            int contentStart;
            if (startsWith(body, pos, CRLF)) { // no headers: the blank line follows the delimiter line
                headers = Map.of();
                contentStart = pos + 2;
            } else {
                int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos);
                if (headersEnd < 0) {
                    throw new IllegalArgumentException("multipart part at byte " + pos + " has no end of headers");
                }
                headers = headers(new String(body, pos, headersEnd - pos, StandardCharsets.ISO_8859_1));
                contentStart = headersEnd + 4;
            }
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body ends inside a part (truncated transfer?)");
            }
            byte[] content = Arrays.copyOfRange(body, contentStart, next);
            parts.add(new Part(headers, content));
            pos = next + delimiter.length;
        }
    }

    private static int skipTransportPadding(byte[] body, int pos) {
        while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
            pos++;
        }
        return pos;
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        String unfolded = block.replaceAll("\r\n[ \t]+", " ");
        for (String line : unfolded.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed multipart header line '" + line + "'");
            }
            headers.put(
                    line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        return headers;
    }

    static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] data, byte[] needle, int from) {
        byte first = needle[0];
        int last = data.length - needle.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (data[i] == first && startsWith(data, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
