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

    /**
     * Runs one of this package's Python resources (e.g. {@code corpus_tools.py}) with Debian's python3;
     * fails the test with the script's error output unless it exits 0.
     */
    static String python(String resource, List<String> args) throws IOException, InterruptedException {
        Path script = Files.createTempFile(resource.replace(".py", ""), ".py");
        try (var in = Tools.class.getResourceAsStream(resource)) {
            Files.write(script, in.readAllBytes());
        }
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of(DEBIAN_PYTHON.toString(), script.toString()));
            cmd.addAll(args);
            Result r = run(cmd);
            if (r.exitCode() != 0) {
                throw new AssertionError(resource + " " + args + " failed: " + r.err());
            }
            return r.out();
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Runs a command that must succeed (a DCMTK or GDCM converter); fails the test with its output otherwise. */
    static void require(List<String> command) throws IOException, InterruptedException {
        Result r = run(command);
        if (r.exitCode() != 0) {
            throw new AssertionError(command + " failed: " + r.err() + r.out());
        }
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        ExternalTool.Result r = ExternalTool.run(command);
        return new Result(r.exitCode(), r.out(), r.err());
    }
}
