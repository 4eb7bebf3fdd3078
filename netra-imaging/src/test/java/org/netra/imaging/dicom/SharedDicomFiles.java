package org.netra.imaging.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.netra.testkit.TestData;

/** Every file under shared/data/dicom, in a stable order (licence notes excluded). */
final class SharedDicomFiles {
    private SharedDicomFiles() {}

    static List<Path> all() throws IOException {
        try (var files = Files.walk(TestData.path("dicom"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("LICENSE"))
                    .sorted()
                    .toList();
        }
    }
}
