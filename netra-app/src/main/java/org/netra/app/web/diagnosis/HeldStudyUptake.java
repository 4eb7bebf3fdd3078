package org.netra.app.web.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netra.app.viewer.Scene;
import org.netra.app.viewer.Studies;
import org.netra.app.web.input.FormPage.Option;
import org.netra.clinical.diagnosis.KrenningScore;
import org.netra.clinical.diagnosis.LesionUptake;
import org.netra.imaging.quant.KrenningFromVois;
import org.netra.imaging.quant.KrenningScale;
import org.netra.imaging.quant.RoiStatistics;
import org.netra.imaging.quant.Suv;
import org.netra.imaging.quant.SuvFactor;
import org.netra.imaging.quant.SuvNormalisation;
import org.netra.imaging.volume.Mask;
import org.netra.store.clinical.StudyRecord;

/**
 * A read's lesions measured in a study netra holds (the viewer's {@link Studies}): the suggested Krenning grade
 * of a lesion VOI on SRS ({@link KrenningFromVois}) and the body-weight SUVs of a lesion VOI or of the whole
 * image on PET ({@link Suv}, {@link RoiStatistics}) — the library {@code netra quantify} prints from, not a copy.
 */
final class HeldStudyUptake {
    private final Studies studies;

    HeldStudyUptake(Studies studies) {
        this.studies = studies;
    }

    /** A study the form can name, loaded, with the UID of its emission series. */
    record Held(String id, String title, Scene scene, String seriesInstanceUid) {
        List<String> voiNames() {
            return scene.vois().stream().map(Mask::name).toList();
        }
    }

    /** The studies offered on a read form, with an empty first choice ("none"). */
    List<Option> choices() {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "— none (values typed by the reader)"));
        studies.list().forEach(s -> out.add(new Option(s.id(), s.title() + (s.hasVois() ? "" : " (no VOIs)"))));
        return out;
    }

    /** The study with this id, if netra holds it and knows its series (empty for an unknown id). */
    Optional<Held> held(String id) {
        return studies.scene(id)
                .flatMap(sc -> sc.acquisition().map(a -> new Held(id, sc.title(), sc, a.seriesInstanceUid())));
    }

    /** The suggested grade of lesion {@code lesionId} drawn as {@code voi}, or why there is none. */
    LesionUptake krenning(Held h, String lesionId, String voi) {
        return switch (KrenningFromVois.suggest(h.scene().emission(), h.scene().vois(), voi, KrenningScale.DEFAULT)) {
            case KrenningFromVois.Suggestion.Suggested s ->
                new LesionUptake.KrenningSuggested(
                        lesionId,
                        h.seriesInstanceUid(),
                        voi,
                        KrenningScore.of(s.grade().grade()),
                        s.tumourBqPerMl(),
                        s.liverBqPerMl(),
                        s.spleenBqPerMl());
            case KrenningFromVois.Suggestion.NotSuggested n ->
                new LesionUptake.KrenningNotSuggested(lesionId, h.seriesInstanceUid(), voi, n.reason());
        };
    }

    /** The words beside the reader's grade. */
    static String describe(LesionUptake u) {
        return switch (u) {
            case LesionUptake.KrenningSuggested s ->
                String.format(
                        java.util.Locale.ROOT,
                        "suggested grade %d (tumour %.0f, liver %.0f, spleen %.0f Bq/mL; VOI %s)",
                        s.suggested().score(),
                        s.tumourBqPerMl(),
                        s.liverBqPerMl(),
                        s.spleenBqPerMl(),
                        s.voi());
            case LesionUptake.KrenningNotSuggested n -> n.reason();
            case LesionUptake.SuvRead r ->
                String.format(java.util.Locale.ROOT, "SUVbw max %.2f", r.suvMax())
                        + r.suvMean()
                                .map(m -> String.format(java.util.Locale.ROOT, ", mean %.2f", m))
                                .orElse("")
                        + (r.voi().isEmpty() ? " (whole image)" : " (VOI " + r.voi() + ")");
        };
    }

    /** Body-weight SUV per Bq/mL of the study, or why it is undefined (weight, dose or times missing …). */
    static SuvFactor suvFactor(Held h) {
        return Suv.factor(h.scene().acquisition().orElseThrow().facts(), new SuvNormalisation.BodyWeight());
    }

    /** SUVmax and SUVmean of the VOI named {@code voi}; empty when the study has no such VOI. */
    static Optional<LesionUptake.SuvRead> suv(Held h, double factor, String lesionId, String voi) {
        return h.scene().vois().stream()
                .filter(m -> m.name().equals(voi))
                .findFirst()
                .map(m -> {
                    RoiStatistics r = RoiStatistics.of(h.scene().emission(), m);
                    return new LesionUptake.SuvRead(
                            lesionId,
                            h.seriesInstanceUid(),
                            voi,
                            r.max().inBqPerMl() * factor,
                            Optional.of(r.mean().inBqPerMl() * factor));
                });
    }

    /** The whole image's SUVmax (the hottest voxel: often bladder or kidney, which the reader judges). */
    static LesionUptake.SuvRead wholeBody(Held h, double factor) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : h.scene().emission().voxels()) {
            max = Math.max(max, x);
        }
        return new LesionUptake.SuvRead(
                StudyRecord.WHOLE_BODY, h.seriesInstanceUid(), "", max * factor, Optional.empty());
    }
}
