package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Path err = Files.createTempFile("netra-tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .redirectError(err.toFile())
                    .start();
            p.getOutputStream().close();
            // ISO-8859-1 keeps every byte as one char, whatever the file's character set
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int code = p.waitFor();
            return new Result(code, out, Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
