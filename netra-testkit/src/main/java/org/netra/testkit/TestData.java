package org.netra.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real reference data in {@code shared/data}: found through {@code NETRA_TESTDATA}, defaulting to
 * {@code ../shared/data} beside the project. A test that needs it is skipped with a clear message where
 * it is absent, and fails where {@code CI=true}, so CI can never pass by skipping.
 */
public final class TestData {
    private TestData() {}

    /** The data root, or the test is skipped (locally) or failed (in CI). */
    public static Path root() {
        Path root = configuredRoot();
        if (!Files.isDirectory(root)) {
            unavailable("reference data folder " + root + " is missing; set NETRA_TESTDATA to shared/data");
        }
        return root;
    }

    /** A file or folder below the data root, which must exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            unavailable("reference data " + p + " is missing");
        }
        return p;
    }

    /** True when running in CI, where nothing may be skipped for want of data or tools. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test locally, fails it in CI: for missing data, tools or servers. */
    public static void unavailable(String what) {
        if (inCi()) {
            Assertions.fail(what + " (CI=true: required)");
        }
        Assumptions.abort(what + " (skipped; required when CI=true)");
    }

    static Path configuredRoot() {
        String env = System.getenv("NETRA_TESTDATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String fromBuild = System.getenv("NETRA_TESTDATA_DEFAULT");
        if (fromBuild != null && !fromBuild.isBlank()) {
            return Path.of(fromBuild).normalize();
        }
        return Path.of("..", "shared", "data");
    }
}
