package org.netra.imaging.volume;

import java.util.List;
import java.util.stream.Collectors;

/** A folder holds more than one image series and the caller did not say which to assemble. */
public final class MultipleSeriesException extends SeriesAssemblyException {
    private static final long serialVersionUID = 1L;

    /** One of the series found. */
    public record Candidate(String seriesInstanceUid, String modality, String description, int files) {
        @Override
        public String toString() {
            return modality + " '" + description + "' (" + files + " files, UID " + seriesInstanceUid + ")";
        }
    }

    private final transient List<Candidate> candidates;

    public MultipleSeriesException(String source, List<Candidate> candidates) {
        super(
                source,
                candidates.size() + " image series in one folder: "
                        + candidates.stream().map(Candidate::toString).collect(Collectors.joining("; "))
                        + "; choose one by its Series Instance UID or give each series its own folder");
        this.candidates = List.copyOf(candidates);
    }

    public List<Candidate> candidates() {
        return candidates;
    }
}
