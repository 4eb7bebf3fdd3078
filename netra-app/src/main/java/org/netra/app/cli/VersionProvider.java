package org.netra.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version written into the build by Maven resource filtering. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        var props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/netra/app/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[] {
            "netra " + props.getProperty("version", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
