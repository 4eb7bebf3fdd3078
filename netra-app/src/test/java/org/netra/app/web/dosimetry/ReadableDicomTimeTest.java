package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadableDicomTimeTest {
    @Test
    void dicomDateAndTimeReadAsIsoMinutesAndOddValuesAsStored() {
        assertThat(DosimetryJobs.readable("20181115", "130628.14")).isEqualTo("2018-11-15 13:06");
        assertThat(DosimetryJobs.readable("20181115", "")).isEqualTo("2018-11-15");
        assertThat(DosimetryJobs.readable("2018-11-15", "13")).isEqualTo("2018-11-15 13");
        assertThat(DosimetryJobs.readable("", "")).isEmpty();
    }
}
