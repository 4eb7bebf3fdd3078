package org.netra.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the independent reference tools (DCMTK, dicom3tools, Debian's python3) that tests compare with. */
public final class ExternalTool {
    private ExternalTool() {}

    /** What a tool printed and how it ended; output read as ISO-8859-1 so every byte stays one char. */
    public record Result(int exitCode, String out, String err) {}

    /** Skips (locally) or fails (CI) unless {@code executable} is installed, naming its Debian package. */
    public static void require(Path executable, String debianPackage) {
        if (!Files.isExecutable(executable)) {
            TestData.unavailable("'" + executable + "' (Debian package " + debianPackage + ")");
        }
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("netra-tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .redirectError(err.toFile())
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int code = p.waitFor();
            return new Result(code, out, Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
