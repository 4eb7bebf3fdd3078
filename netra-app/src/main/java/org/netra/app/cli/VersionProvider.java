package org.netra.app.cli;

import org.netra.app.config.BuildVersions;
import picocli.CommandLine;

/** The version written into the build by Maven resource filtering. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "netra " + BuildVersions.netra(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
