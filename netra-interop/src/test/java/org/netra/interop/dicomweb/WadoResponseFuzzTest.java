package org.netra.interop.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of how a WADO-RS answer is read: the Content-Type header (boundary
 * and its quoting) and the multipart/related body. The input is the header value, a newline, then the
 * body. Only {@link DicomWebException.BadResponse} naming the URL may escape.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays {@code WadoResponseFuzzTestInputs/retrieve}: answers in the
 * shape Orthanc and RFC 2046 allow (preamble, quoted boundary, folded headers, no headers, transport
 * padding, epilogue), truncated ones and every crash found so far; see docs/testing.md.
 */
class WadoResponseFuzzTest {
    private static final URI URL = URI.create("http://pacs.invalid/dicom-web/studies/1.2.3");

    @FuzzTest(maxDuration = "60s")
    void retrieve(byte[] input) {
        int newline = 0;
        while (newline < input.length && input[newline] != '\n') {
            newline++;
        }
        String contentType = new String(input, 0, newline, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(input, Math.min(newline + 1, input.length), input.length);
        try {
            var instances = DicomWebClient.instances(URL, contentType, body);
            assertThat(instances.stream().mapToLong(i -> i.length).sum()).isLessThanOrEqualTo(body.length);
        } catch (DicomWebException.BadResponse expected) {
            assertThat(expected.getMessage()).contains(URL.toString());
        }
    }
}
