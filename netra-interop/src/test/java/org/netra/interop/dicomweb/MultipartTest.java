package org.netra.interop.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MultipartTest {

    private static byte[] concat(List<byte[]> chunks) {
        var out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Property(tries = 200)
    void whatIsBuiltParsesBackToTheSameContents(@ForAll @Size(max = 5) List<@Size(max = 300) byte[]> contents) {
        String boundary = Multipart.boundary(contents);
        List<Multipart.Part> parts =
                Multipart.parse(concat(Multipart.build(boundary, "application/dicom", contents)), boundary);
        assertThat(parts).hasSize(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            assertThat(parts.get(i).content()).isEqualTo(contents.get(i));
            assertThat(parts.get(i).contentType()).contains("application/dicom");
        }
    }

    @Test
    void contentThatLooksLikeADelimiterWithoutTheBoundaryIsKept() {
        byte[] tricky = "a\r\n--other\r\n\r\n--".getBytes(StandardCharsets.US_ASCII);
        String body = "preamble to ignore\r\n--B\r\nContent-Type: application/dicom\r\n"
                + "Content-Length: 17\r\n\r\n"
                + new String(tricky, StandardCharsets.US_ASCII) + "\r\n--B\r\n\r\nsecond\r\n--B--\r\nepilogue";
        List<Multipart.Part> parts = Multipart.parse(body.getBytes(StandardCharsets.US_ASCII), "B");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).content()).isEqualTo(tricky);
        assertThat(parts.get(0).headers()).containsEntry("content-length", "17");
        assertThat(new String(parts.get(1).content(), StandardCharsets.US_ASCII))
                .isEqualTo("second");
        assertThat(parts.get(1).headers()).isEmpty();
    }

    @Test
    void aTruncatedBodyIsAnErrorNotAShorterSeries() {
        byte[] body = "--B\r\nContent-Type: application/dicom\r\n\r\nabc\r\n--B\r\n\r\nde"
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Multipart.parse(body, "B")).hasMessageContaining("truncated");
    }

    @Test
    void boundaryParameterIsReadQuotedOrNot() {
        assertThat(Multipart.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=\"a;b c\""))
                .isEqualTo("a;b c");
        assertThat(Multipart.boundaryOf("multipart/related;boundary=xyz;type=application/dicom"))
                .isEqualTo("xyz");
        assertThatThrownBy(() -> Multipart.boundaryOf("multipart/related; type=application/dicom"))
                .hasMessageContaining("no boundary");
    }
}
