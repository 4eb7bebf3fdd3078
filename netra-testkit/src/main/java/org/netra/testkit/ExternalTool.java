package org.netra.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent program a test checks against (DCMTK, dicom3tools, Debian's python3 with pydicom):
 * skipped locally when it is not installed, required in CI.
 */
public final class ExternalTool {
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private ExternalTool() {}

    /** What a run printed and how it ended. */
    public record Result(int exitCode, String out, String err) {}

    /** Skips (locally) or fails (CI) unless {@code /usr/bin/command} exists, naming its Debian package. */
    public static void require(String command, String debianPackage) {
        if (!Files.isExecutable(Path.of("/usr/bin", command))) {
            TestData.unavailable("'" + command + "' (Debian package " + debianPackage + ")");
        }
    }

    /** Skips or fails unless Debian's python3 imports each module. */
    public static void requirePython(String debianPackages, String... modules)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(DEBIAN_PYTHON)
                || run(List.of(DEBIAN_PYTHON.toString(), "-c", "import " + String.join(", ", modules)))
                                .exitCode()
                        != 0) {
            TestData.unavailable("python3 modules " + List.of(modules) + " (Debian " + debianPackages + ")");
        }
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("netra-tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .redirectError(err.toFile())
                    .start();
            p.getOutputStream().close();
            // ISO-8859-1 keeps every byte as one char, whatever the program printed
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int code = p.waitFor();
            return new Result(code, out, Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
