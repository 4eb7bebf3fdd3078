package org.netra.app.web.dosimetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The job list's pages and filters, and its times to the minute in the department's zone. */
class JobListingTest {
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** 60 jobs an hour apart from 2021-09-06 08:00:17.123456789 UTC; every third failed; P-007's are 2. */
    static List<DosimetryJobs.Job> jobs() {
        List<DosimetryJobs.Job> all = new ArrayList<>();
        Instant first = Instant.parse("2021-09-06T08:00:17.123456789Z");
        for (int n = 0; n < 60; n++) {
            String patient = n == 5 || n == 41 ? "P-007" : String.format("P-%03d", 100 + n);
            all.add(new DosimetryJobs.Job(
                    "job-" + n,
                    "physicist",
                    "netra-sim twin SPECT of " + patient + ", cycle 1",
                    "voxel-kernel",
                    n % 3 == 0 ? DosimetryJobs.State.FAILED : DosimetryJobs.State.DONE,
                    100,
                    "",
                    Optional.empty(),
                    "",
                    first.plusSeconds(3600L * n),
                    ""));
        }
        return all;
    }

    @Test
    void pagesOf25NewestFirstWithTimesToTheMinuteInTheDepartmentsZone() {
        var page1 = JobListing.of(jobs(), "", "", 1, OSLO, "");
        assertThat(page1.total()).isEqualTo(60);
        assertThat(page1.pages()).isEqualTo(3);
        assertThat(page1.rows()).hasSize(25);
        assertThat(page1.rows().getFirst().id()).isEqualTo("job-59");
        // 08:00:17 UTC + 59 h = 2021-09-08 19:00:17 UTC = 21:00 in Oslo (CEST, UTC+2): no seconds, no nanoseconds
        assertThat(page1.rows().getFirst().started()).isEqualTo("2021-09-08 21:00");
        var page3 = JobListing.of(jobs(), "", "", 3, OSLO, "");
        assertThat(page3.rows()).hasSize(10);
        assertThat(page3.rows().getLast().id()).isEqualTo("job-0");
        assertThat(page3.rows().getLast().started()).isEqualTo("2021-09-06 10:00");
        // beyond the last page: the last page; before the first: the first
        assertThat(JobListing.of(jobs(), "", "", 9, OSLO, "").page()).isEqualTo(3);
        assertThat(JobListing.of(jobs(), "", "", 0, OSLO, "").page()).isEqualTo(1);
        assertThat(page1.link(2)).isEqualTo("/dosimetry/jobs?page=2");
    }

    @Test
    void filtersByPatientAndState() {
        var failed = JobListing.of(jobs(), "", "FAILED", 1, OSLO, "");
        assertThat(failed.total()).isEqualTo(20);
        assertThat(failed.rows()).allMatch(r -> r.state().equals("failed"));
        var one = JobListing.of(jobs(), "p-007", "", 1, OSLO, "");
        assertThat(one.rows()).extracting(JobListing.Row::id).containsExactly("job-41", "job-5");
        var both = JobListing.of(jobs(), "P-007", "failed", 1, OSLO, "");
        assertThat(both.rows()).extracting(JobListing.Row::id).isEmpty();
        assertThat(JobListing.of(jobs(), "P-007", "done", 2, OSLO, "").link(1))
                .isEqualTo("/dosimetry/jobs?page=1&patient=P-007&state=done");
        assertThatThrownBy(() -> JobListing.of(jobs(), "", "finished", 1, OSLO, ""))
                .hasMessageContaining("use queued, running, done or failed");
    }
}
