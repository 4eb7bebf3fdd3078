package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.netra.testkit.ExternalTool;
import org.netra.testkit.TestData;

/** The independent readers the tests compare with: DCMTK and Debian's pydicom. */
final class Tools {
    static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private Tools() {}

    /** Skips (locally) or fails (CI) unless the DCMTK command is installed. */
    static void requireDcmtk(String command) {
        if (!Files.isExecutable(Path.of("/usr/bin", command))) {
            TestData.unavailable("DCMTK '" + command + "' (Debian package dcmtk)");
        }
    }

    static void requirePydicom() throws IOException, InterruptedException {
        if (!Files.isExecutable(DEBIAN_PYTHON)
                || run(List.of(DEBIAN_PYTHON.toString(), "-c", "import pydicom, numpy"))
                                .exitCode()
                        != 0) {
            TestData.unavailable("pydicom and numpy for Debian's python3 (python3-pydicom, python3-numpy)");
        }
    }

    record Result(int exitCode, String out, String err) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        ExternalTool.Result r = ExternalTool.run(command);
        return new Result(r.exitCode(), r.out(), r.err());
    }
}
