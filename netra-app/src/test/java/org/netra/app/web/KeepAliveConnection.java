package org.netra.app.web;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One browser tab's HTTP/1.1 connection for the load test: a socket kept open between reads, a GET written as a few
 * ASCII bytes, and an answer read only as far as the test needs it (status, Content-Length or chunks, the body's
 * bytes). {@link java.net.http.HttpClient} cost the load driver ≈ 1.3 ms of CPU per read on the same two cores as
 * the servers it measures (issue 17); this costs a small fraction of that, so the cores go to the servers.
 *
 * <p>Not thread-safe: one session's reads, one after another. A connection the server closed (idle timeout,
 * {@code Connection: close}) is opened again on the next read, as a browser does.
 */
final class KeepAliveConnection implements AutoCloseable {
    /** The answer to one GET: the status and the body, which {@link #bodyContains} searches without decoding. */
    record Answer(int status, byte[] body, int length) {
        boolean bodyContains(byte[] marker) {
            outer:
            for (int i = 0; i + marker.length <= length; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (body[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final String host;
    private final int port;
    private final byte[] fixedHeaders;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Kept between reads: a page of the test is tens of kB, and a new array per read is the client's garbage. */
    private byte[] body = new byte[64 * 1024];

    private int reopened;

    /** A connection to {@code base} (http://host:port) sending the session cookie {@code cookie} on each request. */
    KeepAliveConnection(String base, String cookie) {
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("the load test reads http://host:port, not " + base);
        }
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.fixedHeaders = (" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nCookie: netra_session=" + cookie
                        + "\r\nAccept: text/html\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** GETs {@code path} (ASCII, already encoded), reopening the connection once if the server had closed it. */
    Answer get(String path) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(path);
        } catch (java.net.SocketTimeoutException e) {
            close(); // a slow server is an error of this read, not a reason to ask it twice
            throw e;
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            reopened++;
            return exchange(path); // the server closed an idle connection: a browser reconnects and asks again
        }
    }

    /** How often a kept connection was found closed and the read asked again on a new one (the run reports it). */
    int reopened() {
        return reopened;
    }

    private Answer exchange(String path) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        byte[] request = new byte[4 + path.length() + fixedHeaders.length];
        request[0] = 'G';
        request[1] = 'E';
        request[2] = 'T';
        request[3] = ' ';
        for (int i = 0; i < path.length(); i++) {
            request[4 + i] = (byte) path.charAt(i); // ASCII by contract: an encoded path
        }
        System.arraycopy(fixedHeaders, 0, request, 4 + path.length(), fixedHeaders.length);
        out.write(request);
        out.flush();

        int status = statusLine();
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("malformed header line from " + host + ":" + port + ": " + header);
            }
            String name = header.substring(0, colon);
            String value = header.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        int length;
        if (chunked) {
            length = 0;
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                length = readInto(length, size);
                line(); // the CRLF after each chunk
            }
            while (!line().isEmpty()) {} // trailers
        } else if (contentLength >= 0) {
            length = readInto(0, Math.toIntExact(contentLength));
        } else {
            throw new IOException("an answer without Content-Length or chunks from " + host + ":" + port);
        }
        if (closeAfter) {
            close();
        }
        return new Answer(status, body, length);
    }

    private int statusLine() throws IOException {
        String status = line();
        // "HTTP/1.1 200 OK"
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line from " + host + ":" + port + ": " + status);
        }
        return Integer.parseInt(status.substring(9, 12));
    }

    private int chunkSize() throws IOException {
        String size = line();
        int semicolon = size.indexOf(';');
        return Integer.parseInt(
                semicolon < 0 ? size.strip() : size.substring(0, semicolon).strip(), 16);
    }

    private int readInto(int offset, int count) throws IOException {
        if (offset + count > body.length) {
            body = Arrays.copyOf(body, Math.max(offset + count, body.length * 2));
        }
        int done = 0;
        while (done < count) {
            int n = in.read(body, offset + done, count - done);
            if (n < 0) {
                throw new EOFException("the connection to " + host + ":" + port + " closed inside an answer");
            }
            done += n;
        }
        return offset + count;
    }

    /** One header line without its CRLF, as ISO-8859-1 (HTTP's header bytes). */
    private String line() throws IOException {
        var text = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection to " + host + ":" + port + " closed inside the headers");
            }
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket the server already closed: nothing to keep
            }
            socket = null;
        }
    }
}
