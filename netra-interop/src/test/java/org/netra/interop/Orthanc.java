package org.netra.interop;

import java.net.URI;
import org.netra.interop.dicomweb.DicomWebClient;
import org.netra.testkit.TestData;

/** The test PACS that .ci/services.sh starts: skipped locally when absent, required in CI. */
public final class Orthanc {
    private Orthanc() {}

    public static DicomWebClient client() {
        String url = System.getenv("NETRA_TEST_ORTHANC_URL");
        if (url == null || url.isBlank()) {
            TestData.unavailable("NETRA_TEST_ORTHANC_URL is not set; run: source .ci/services.sh && start_orthanc");
        }
        return new DicomWebClient(DicomWebClient.Settings.of(URI.create(url)));
    }
}
