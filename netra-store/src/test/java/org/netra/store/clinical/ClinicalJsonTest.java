package org.netra.store.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.ImagingStudy;
import org.netra.clinical.diagnosis.Tracer;
import org.netra.clinical.eligibility.Candidate;
import org.netra.clinical.eligibility.Eligibility;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.followup.CtcaeGrade;
import org.netra.clinical.patient.LabHistory;
import org.netra.clinical.safety.DoseRate;
import org.netra.clinical.safety.ReleaseCriterion;
import org.netra.clinical.therapy.Allocation;
import org.netra.clinical.therapy.Continuation;
import org.netra.clinical.therapy.ContinuationAdvice;
import org.netra.clinical.therapy.ContinuationConfig;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleDosimetry;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.clinical.therapy.DoseModification;
import org.netra.clinical.therapy.DoseModificationRules;
import org.netra.clinical.therapy.RoomCalendar;
import org.netra.clinical.therapy.ToxicityStatus;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.Volume;
import org.netra.store.StoreException;
import org.netra.store.record.Documents;

/** Every variant of every sealed clinical type survives JSON, under its stored name. */
class ClinicalJsonTest {
    private final Documents docs = new Documents(new ClinicalJson());

    private <T> T roundTrip(T value, Class<? super T> as) {
        String json = docs.write(value);
        Object back = docs.read(json, as);
        assertThat(back).as(json).isEqualTo(value);
        return value;
    }

    @Test
    void everyVerdict() {
        var p = Samples.patient();
        var labs = new LabHistory(
                Samples.labs(Samples.START.minusDays(7), "b", 240).results());
        LocalDate asOf = Samples.START.minusDays(5);
        var eligible = Eligibility.withDefaults()
                .assess(p.candidate(labs, List.of(Samples.srs().study())), asOf);
        var team = Eligibility.withDefaults().assess(p.candidate(labs, List.of()), asOf); // no SSTR imaging
        var pregnant = new Candidate(
                p.patient(),
                p.tumour(),
                p.priorTreatments(),
                labs,
                p.performance(),
                List.of(Samples.srs().study()),
                Optional.of(true),
                false);
        var not = Eligibility.withDefaults().assess(pregnant, asOf);
        assertThat(List.of(eligible, team, not))
                .extracting(v -> v.getClass().getSimpleName())
                .containsExactly("Eligible", "NeedsTeamDecision", "NotEligible");
        for (var v : List.of(eligible, team, not)) {
            roundTrip(v, Verdict.class);
        }
        assertThat(docs.write(not)).contains("\"type\":\"not_eligible\"");
    }

    @Test
    void everyProtocolAndMeasurement() {
        for (var s : List.of(Samples.srs(), Samples.pet(), Samples.bone(), Samples.mibg())) {
            roundTrip(s, StudyRecord.class);
        }
        assertThat(docs.write(Samples.srs())).contains("\"type\":\"krenning_suggested\"", "krenning_not_suggested");
        assertThat(docs.write(Samples.pet())).contains("\"type\":\"suv\"");
        var study = new ImagingStudy(
                "ga",
                ImagingProtocol.PetCt.of(Tracer.GA68_DOTATATE),
                LocalDateTime.of(2025, 1, 2, 8, 0),
                List.of(Samples.liver()),
                List.of());
        assertThat(docs.write(study)).contains("\"type\":\"pet_ct\"");
        roundTrip(study, ImagingStudy.class);
        var r = roundTrip(Samples.response(), ResponseRecord.class);
        assertThat(docs.write(r)).contains("too_small_to_measure", "disappeared", "not_evaluated", "\"measured\"");
    }

    @Test
    void everyAdviceDecisionAndAllocation() {
        List<CycleDosimetry> given = new ArrayList<>();
        for (int c = 1; c <= 8; c++) {
            given.add(Samples.dosimetry(c).dosimetry());
        }
        var stop = Continuation.withDefaults().advise(given);
        assertThat(stop).isInstanceOf(ContinuationAdvice.Stop.class);
        roundTrip(stop, ContinuationAdvice.class);
        var cont = Continuation.withDefaults().advise(given.subList(0, 2));
        roundTrip(cont, ContinuationAdvice.class);

        var rules = new DoseModification(DoseModificationRules.LABEL);
        var worst = new ToxicityStatus(
                CtcaeGrade.G2, CtcaeGrade.G0, CtcaeGrade.G2, CtcaeGrade.G0, 80, 0.1, 80, 0.1, Period.ZERO, false);
        var withhold = rules.decide(worst, Activity.ofGBq(7.4));
        assertThat(withhold).isInstanceOf(DoseDecision.Withhold.class);
        var recurred = new ToxicityStatus(
                CtcaeGrade.G3, CtcaeGrade.G0, CtcaeGrade.G1, CtcaeGrade.G0, 80, 0.1, 80, 0.1, Period.ZERO, true);
        var discontinue = rules.decide(recurred, Activity.ofGBq(3.7));
        assertThat(discontinue).isInstanceOf(DoseDecision.Discontinue.class);
        var proceed = new DoseDecision.Proceed(Activity.ofGBq(7.4), List.of("none"));
        for (DoseDecision d : List.of(withhold, discontinue, proceed)) {
            roundTrip(d, DoseDecision.class);
        }
        var cfg = ContinuationConfig.DEFAULTS;
        var decisions = List.of(
                CycleDecision.decide(3, cont, proceed, cfg),
                CycleDecision.decide(3, cont, withhold, cfg),
                CycleDecision.decide(9, stop, proceed, cfg));
        assertThat(decisions)
                .extracting(d -> d.getClass().getSimpleName())
                .containsExactly("Continue", "Adjust", "Stop");
        decisions.forEach(d -> roundTrip(d, CycleDecision.class));

        var cal = RoomCalendar.of(List.of("iso-1"));
        var allocated = cal.request("P-1", Samples.START, 4, 14);
        var conflict = cal.book(((Allocation.Allocated) allocated).booking()).request("P-2", Samples.START, 4, 14);
        assertThat(conflict).isInstanceOf(Allocation.Conflict.class);
        roundTrip(allocated, Allocation.class);
        roundTrip(conflict, Allocation.class);
        roundTrip(Samples.course(), CourseRecord.class);
    }

    @Test
    void releaseCriteriaAndSafety() {
        roundTrip(ReleaseCriterion.DoseRateAtOneMetre.australia(), ReleaseCriterion.class);
        roundTrip(ReleaseCriterion.ProjectedDose.usNrc(), ReleaseCriterion.class);
        roundTrip(Samples.safety(), SafetyRecord.class);
        roundTrip(DoseRate.ofMicroSvPerHour(12.5), DoseRate.class);
    }

    @Test
    void aDocumentThatBreaksADomainRuleIsRefusedOnReading() {
        String json = docs.write(Samples.dosimetry(1)).replace("\"grays\":3.6", "\"grays\":1.0");
        assertThatThrownBy(() -> docs.read(json, DosimetryRecord.class))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("DosimetryRecord");
        assertThat(AbsorbedDose.ofGy(1)).isNotNull();
    }

    @Test
    void aCyclesCurvesRoundTrip() throws Exception {
        var d = Samples.dosimetry(1);
        var curves = new RegionCurves(
                "kidneys",
                "mono-exponential",
                "one exponential fits",
                RegionCurves.points(new double[] {4, 24}, new double[] {100, 72}),
                RegionCurves.points(new double[] {0, 4, 24}, new double[] {0, 100, 72}),
                RegionCurves.dvhPoints(new double[] {0, 2}, new double[] {1, 0.5}),
                Optional.of(AbsorbedDose.ofGy(1.9)),
                Optional.of(AbsorbedDose.ofGy(0.3)),
                Optional.of(Volume.ofMl(310)));
        roundTrip(new CycleCurves(d.id(), d.patientId(), List.of(curves)), CycleCurves.class);
        // a Monte Carlo cycle keeps its run beside the kernel, a VOI without a kernel dose included
        var mc = new MonteCarloCheck(
                500_000,
                10,
                "time limit",
                7,
                2,
                0.02,
                0.031,
                java.time.Duration.ofMillis(15_800),
                "CT by Schneider 2000",
                "electrons local",
                0.05,
                1.0,
                List.of(
                        new MonteCarloCheck.Region(
                                "Kidney_L",
                                AbsorbedDose.ofGy(2.1),
                                AbsorbedDose.ofGy(0.02),
                                Optional.of(AbsorbedDose.ofGy(1.96))),
                        new MonteCarloCheck.Region(
                                "lesion", AbsorbedDose.ofGy(9), AbsorbedDose.ofGy(0.1), Optional.empty()),
                        // an automatic region: −7.0 % ± 3 % is not 1 SD beyond 5 %, −10 % ± 3 % is
                        new MonteCarloCheck.Region(
                                "Kidney_L · adjoining bone",
                                AbsorbedDose.ofGy(0.93),
                                AbsorbedDose.ofGy(0.03),
                                Optional.of(AbsorbedDose.ofGy(1)),
                                Optional.of(new MonteCarloCheck.Adjoining("Kidney_L", "bone", 40))),
                        new MonteCarloCheck.Region(
                                "lesion · adjoining lung",
                                AbsorbedDose.ofGy(0.9),
                                AbsorbedDose.ofGy(0.03),
                                Optional.of(AbsorbedDose.ofGy(1)),
                                Optional.of(new MonteCarloCheck.Adjoining("lesion", "lung", 100)))));
        roundTrip(new CycleCurves(d.id(), d.patientId(), List.of(curves), Optional.of(mc)), CycleCurves.class);
        assertThat(mc.flagged(mc.regions().get(0))).isTrue(); // +7.1 %
        assertThat(mc.flagged(mc.regions().get(1))).isFalse();
        assertThat(mc.flagged(mc.regions().get(2))).isFalse();
        assertThat(mc.flagged(mc.regions().get(3))).isTrue();
        assertThat(mc.vois()).extracting(MonteCarloCheck.Region::region).containsExactly("Kidney_L", "lesion");
        assertThat(mc.interfaces())
                .extracting(MonteCarloCheck.Region::region)
                .containsExactly("Kidney_L · adjoining bone", "lesion · adjoining lung");
        assertThat(mc.targetMissed()).isTrue();

        // a run kept before the automatic regions: no "interfaceSdsBeyond", no "adjoining" — still reads, as VOIs
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) docs.mapper()
                .readTree(docs.write(new CycleCurves(d.id(), d.patientId(), List.of(curves), Optional.of(mc))));
        var run = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("monteCarlo");
        run.remove("interfaceSdsBeyond");
        var regions = (com.fasterxml.jackson.databind.node.ArrayNode) run.get("regions");
        regions.remove(3);
        regions.remove(2);
        regions.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove("adjoining"));
        assertThat(tree.toString()).doesNotContain("adjoining").doesNotContain("interfaceSdsBeyond");
        var old = docs.read(tree.toString(), CycleCurves.class).monteCarlo().orElseThrow();
        assertThat(old.interfaceSdsBeyond()).isEqualTo(0.0);
        assertThat(old.regions()).allSatisfy(r -> assertThat(r.adjoining()).isEmpty());
        assertThat(old.interfaces()).isEmpty();
        assertThat(old.flagged(old.regions().get(0))).isTrue();
    }

    /** A cycle's dosimetry record as stored before the tumour volume was typed: {@code "volumeMl"} in mL. */
    @Test
    void aTumourDoseStoredBeforeItsVolumeWasTypedStillLoadsAndIsWrittenTheSameWay() throws Exception {
        String old = """
                {"lesion":"liver-s7","mean":{"grays":31.5},"standardDeviation":{"grays":4.2},"volumeMl":22.4}""";
        var read = docs.read(old, org.netra.clinical.therapy.TumourDose.class);
        assertThat(read.volume()).isEqualTo(Volume.ofMl(22.4));
        assertThat(read.mean()).isEqualTo(AbsorbedDose.ofGy(31.5));
        assertThat(docs.mapper().readTree(docs.write(read)))
                .isEqualTo(docs.mapper().readTree(old));
        // inside the whole record, as the store keeps it
        var record = Samples.dosimetry(1);
        String stored = docs.write(record);
        assertThat(docs.mapper().readTree(stored).at("/tumours/0/volumeMl").asDouble())
                .isEqualTo(22.4);
        assertThat(docs.read(stored, DosimetryRecord.class)).isEqualTo(record);
        // a volume of 0 breaks the record's rule and is refused on reading, as every domain rule is
        assertThatThrownBy(() -> docs.read(old.replace("22.4", "0"), org.netra.clinical.therapy.TumourDose.class))
                .isInstanceOf(org.netra.store.StoreException.class)
                .hasMessageContaining("volume must be above 0 mL");
    }

    /** Curves as they were stored before they were typed (parallel lists of numbers; null where not kept). */
    @Test
    void curvesStoredBeforeTheDoseWasTypedStillLoadAndAreWrittenTheSameWay() throws Exception {
        String old = """
                {"id":"c1/cycle-1","patientId":"p1","regions":[
                 {"region":"Kidney_L","model":"mono-exponential","why":"fits best","measuredHours":[4.0,24.0],
                  "measuredMBq":[100.0,72.0],"curveHours":[0.0,4.0,24.0],"curveMBq":[0.0,100.0,72.0],
                  "dvhGy":[0.0,2.0],"dvhFraction":[1.0,0.5],"doseGy":1.9,"doseSdGy":0.3,"volumeMl":310.0},
                 {"region":"Liver","model":"trapezoid","why":"","measuredHours":[4.0],"measuredMBq":[50.0],
                  "curveHours":[],"curveMBq":[],"dvhGy":[],"dvhFraction":[],"doseGy":null,"doseSdGy":null,
                  "volumeMl":null}]}""";
        CycleCurves read = docs.read(old, CycleCurves.class);
        RegionCurves kidney = read.regions().get(0);
        assertThat(kidney.measured())
                .containsExactly(
                        new RegionCurves.CurvePoint(java.time.Duration.ofHours(4), Activity.ofMBq(100)),
                        new RegionCurves.CurvePoint(java.time.Duration.ofHours(24), Activity.ofMBq(72)));
        assertThat(kidney.curve()).hasSize(3);
        assertThat(kidney.dvh())
                .containsExactly(
                        new RegionCurves.DvhPoint(AbsorbedDose.ofGy(0), 1),
                        new RegionCurves.DvhPoint(AbsorbedDose.ofGy(2), 0.5));
        assertThat(kidney.dose()).contains(AbsorbedDose.ofGy(1.9));
        assertThat(kidney.doseSd()).contains(AbsorbedDose.ofGy(0.3));
        assertThat(kidney.volume()).contains(Volume.ofMl(310));
        RegionCurves liver = read.regions().get(1);
        assertThat(liver.curve()).isEmpty();
        assertThat(liver.dvh()).isEmpty();
        assertThat(liver.dose()).isEmpty();
        assertThat(liver.doseSd()).isEmpty();
        assertThat(liver.volume()).isEmpty();
        // written back in the same shape, field for field
        assertThat(docs.mapper().readTree(docs.write(read)))
                .isEqualTo(docs.mapper().readTree(old));
    }

    /**
     * A curve's time axis is a duration in the record and hours in the stored JSON: a chart's sample at an arbitrary
     * fraction of an hour (the real SPECT's first scan at 3.741388… h, a curve sampled at 1/40 of it) comes back
     * to the nanosecond, and its hours to 1e-12 h.
     */
    @Test
    void curveTimesAreDurationsKeptToTheNanosecond() throws Exception {
        double[] hours = {0, 3.7413888888888889 / 40, 3.7413888888888889, 27.725, 168.00000000001};
        var curves = new RegionCurves(
                "Kidney_L",
                "mono-exponential",
                "",
                RegionCurves.points(hours, new double[] {0, 9, 100, 72, 3}),
                List.of());
        assertThat(curves.measured().get(2).afterInjection()).isEqualTo(java.time.Duration.ofSeconds(13469));
        var json = docs.mapper().readTree(docs.write(curves));
        for (int i = 0; i < hours.length; i++) {
            assertThat(json.at("/measuredHours/" + i).asDouble()).isCloseTo(hours[i], within(1e-12));
        }
        assertThat(docs.read(docs.write(curves), RegionCurves.class)).isEqualTo(curves);
    }

    @Test
    void aStoredCurveWithoutItsPairsIsRefused() {
        String broken = """
                {"region":"Kidney_L","model":"","why":"","measuredHours":[4.0,24.0],"measuredMBq":[100.0],
                 "curveHours":[],"curveMBq":[],"dvhGy":[],"dvhFraction":[],"doseGy":null,"doseSdGy":null,
                 "volumeMl":null}""";
        assertThatThrownBy(() -> docs.read(broken, RegionCurves.class)).hasMessageContaining("every x needs its y");
    }

    /**
     * A dosimetry record stored before the acquisition protocol was kept (no such field) loads with none and writes
     * back without inventing one; a record with it round-trips; the nurse's administration record likewise without
     * and with the dose report's event UID, route and site.
     */
    @Test
    void recordsStoredBeforeTheAcquisitionAndTheSendersEventLoadUnchanged() throws Exception {
        var dosimetry = new CycleDosimetry(
                1,
                LocalDate.of(2021, 3, 9),
                Activity.ofGBq(7.4),
                AbsorbedDose.ofGy(3.6),
                java.time.Duration.ofHours(46),
                Optional.empty(),
                AbsorbedDose.ofGy(0.3));
        String old = "{\"id\":\"p/prrt-1/cycle-1\",\"patientId\":\"p\",\"courseId\":\"p/prrt-1\",\"dosimetry\":"
                + docs.write(dosimetry) + ",\"tumours\":[],\"method\":\"job j\"}";
        var loaded = docs.read(old, DosimetryRecord.class);
        assertThat(loaded.acquisition()).isEmpty();
        assertThat(loaded)
                .isEqualTo(new DosimetryRecord("p/prrt-1/cycle-1", "p", "p/prrt-1", dosimetry, List.of(), "job j"));
        var node = docs.mapper().readTree(docs.write(loaded));
        assertThat(node.get("acquisition").isNull()).as(node.toString()).isTrue();
        assertThat(docs.read(docs.write(loaded), DosimetryRecord.class)).isEqualTo(loaded);

        var withProtocol = new DosimetryRecord(
                "p/prrt-1/cycle-1",
                "p",
                "p/prrt-1",
                dosimetry,
                List.of(),
                "job j",
                Optional.of(new AcquisitionProtocol(
                        "SIEMENS NM Encore2", "OSCGMM", "attenuation: CT-derived mu-map; scatter: TEW")));
        roundTrip(withProtocol, DosimetryRecord.class);

        String oldAdministration = "{\"id\":\"p/prrt-1/administration-1\",\"patientId\":\"p\",\"courseId\":"
                + "\"p/prrt-1\",\"cycle\":1,\"administered\":\"2021-03-09T09:22:00\",\"isolationStart\":null,"
                + "\"isolationEnd\":null,\"readings\":[]}";
        var administration = docs.read(oldAdministration, AdministrationRecord.class);
        assertThat(administration.eventUid()).isEmpty();
        assertThat(administration.route()).isEmpty();
        assertThat(administration.site()).isEmpty();
        roundTrip(
                new AdministrationRecord(
                        "p/prrt-1/administration-1",
                        "p",
                        "p/prrt-1",
                        1,
                        LocalDateTime.of(2021, 3, 9, 9, 22),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.of("1.2.3.4"),
                        Optional.of(new AdministrationRecord.Coded("47625008", "SCT", "Intravenous route")),
                        Optional.of(new AdministrationRecord.Coded("128553008", "SCT", "Antecubital vein"))),
                AdministrationRecord.class);
    }
}
