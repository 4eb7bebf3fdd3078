package org.netra.app.web.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * URLs of netra's own static files that change when the file does. They are served with an hour's
 * {@code max-age}; without a version in the URL, a browser kept showing an upgraded netra's pages with the old
 * stylesheet for up to that hour.
 */
final class StaticAssets {
    /** Where WebApp serves {@code /static/} from on the class path. */
    static final String CLASSPATH_ROOT = "/org/netra/app/web/static";

    private StaticAssets() {}

    /**
     * {@code /static/<file>?v=<the first 12 hex digits of the file's SHA-256>}.
     *
     * @throws IllegalStateException if the file is not on the class path (a packaging error: pages would link a
     *     missing file)
     */
    static String versionedPath(String file) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(CLASSPATH_ROOT + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "static file " + CLASSPATH_ROOT + "/" + file + " is not on the class path");
            }
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return "/static/" + file + "?v=" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException("reading static file " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
