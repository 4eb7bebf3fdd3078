package org.netra.store.clinical;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.netra.clinical.diagnosis.ImagingProtocol;
import org.netra.clinical.diagnosis.LesionUptake;
import org.netra.clinical.eligibility.Verdict;
import org.netra.clinical.followup.Measurement;
import org.netra.clinical.patient.PerformanceStatus;
import org.netra.clinical.safety.ReleaseCriterion;
import org.netra.clinical.therapy.Allocation;
import org.netra.clinical.therapy.ContinuationAdvice;
import org.netra.clinical.therapy.CycleDecision;
import org.netra.clinical.therapy.CycleTask;
import org.netra.clinical.therapy.DoseDecision;
import org.netra.clinical.therapy.TumourDose;
import org.netra.physics.quantity.AbsorbedDose;
import org.netra.physics.quantity.Volume;

/**
 * Teaches Jackson the clinical domain without putting Jackson into netra-clinical: every sealed interface
 * gets a {@code "type"} property by mix-in, and each variant a stable name (stored documents outlive class
 * renames). Optionals come from the JDK 8 module.
 */
public final class ClinicalJson extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** The stored name of every variant of every sealed type, by sealed type. */
    static final Map<Class<?>, Map<Class<?>, String>> VARIANTS = variants();

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    private interface Typed {}

    public ClinicalJson() {
        super("netra-clinical");
        addSerializer(TumourDose.class, new TumourDoseWriter());
        addDeserializer(TumourDose.class, new TumourDoseReader());
        VARIANTS.forEach((root, named) -> {
            setMixInAnnotation(root, Typed.class);
            named.forEach((cls, name) -> registerSubtypes(new NamedType(cls, name)));
        });
    }

    /**
     * A tumour dose is stored as it was before its volume was typed: {@code "volumeMl": 22.4} (the unit in the field
     * name, as the other stored figures), not the record's {@code "volume": {"millilitres": 22.4}}; documents written
     * before and after read the same.
     */
    private static final class TumourDoseWriter extends StdSerializer<TumourDose> {
        private static final long serialVersionUID = 1L;

        TumourDoseWriter() {
            super(TumourDose.class);
        }

        @Override
        public void serialize(TumourDose t, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("lesion", t.lesion());
            gen.writeObjectField("mean", t.mean());
            gen.writeObjectField("standardDeviation", t.standardDeviation());
            gen.writeNumberField("volumeMl", t.volume().inMl());
            gen.writeEndObject();
        }
    }

    private static final class TumourDoseReader extends StdDeserializer<TumourDose> {
        private static final long serialVersionUID = 1L;

        TumourDoseReader() {
            super(TumourDose.class);
        }

        @Override
        public TumourDose deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.readValueAsTree();
            for (String field : List.of("lesion", "mean", "standardDeviation", "volumeMl")) {
                if (n.get(field) == null || n.get(field).isNull()) {
                    throw ctxt.weirdStringException(
                            String.valueOf(n), TumourDose.class, "a stored tumour dose lacks its " + field);
                }
            }
            try {
                return new TumourDose(
                        n.get("lesion").asText(),
                        ctxt.readTreeAsValue(n.get("mean"), AbsorbedDose.class),
                        ctxt.readTreeAsValue(n.get("standardDeviation"), AbsorbedDose.class),
                        Volume.ofMl(n.get("volumeMl").asDouble()));
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(String.valueOf(n), TumourDose.class, e.getMessage());
            }
        }
    }

    @Override
    public Iterable<? extends Module> getDependencies() {
        return List.of(new Jdk8Module());
    }

    private static Map<Class<?>, Map<Class<?>, String>> variants() {
        Map<Class<?>, Map<Class<?>, String>> m = new LinkedHashMap<>();
        m.put(
                Verdict.class,
                Map.of(
                        Verdict.Eligible.class, "eligible",
                        Verdict.NotEligible.class, "not_eligible",
                        Verdict.NeedsTeamDecision.class, "needs_team_decision"));
        m.put(
                PerformanceStatus.class,
                Map.of(PerformanceStatus.Ecog.class, "ecog", PerformanceStatus.Karnofsky.class, "karnofsky"));
        m.put(
                ImagingProtocol.class,
                Map.of(
                        ImagingProtocol.SomatostatinReceptorScintigraphy.class, "srs",
                        ImagingProtocol.BoneScintigraphy.class, "bone_scintigraphy",
                        ImagingProtocol.MibgScintigraphy.class, "mibg",
                        ImagingProtocol.PetCt.class, "pet_ct"));
        m.put(
                LesionUptake.class,
                Map.of(
                        LesionUptake.KrenningSuggested.class, "krenning_suggested",
                        LesionUptake.KrenningNotSuggested.class, "krenning_not_suggested",
                        LesionUptake.SuvRead.class, "suv"));
        m.put(
                Measurement.class,
                Map.of(
                        Measurement.Measured.class, "measured",
                        Measurement.TooSmallToMeasure.class, "too_small_to_measure",
                        Measurement.Disappeared.class, "disappeared",
                        Measurement.NotEvaluated.class, "not_evaluated"));
        m.put(
                CycleTask.class,
                Map.of(
                        CycleTask.AminoAcidInfusion.class, "amino_acid_infusion",
                        CycleTask.SomatostatinAnaloguePause.class, "somatostatin_analogue_pause",
                        CycleTask.PostTherapyImaging.class, "post_therapy_imaging",
                        CycleTask.PreCycleLabs.class, "pre_cycle_labs"));
        m.put(Allocation.class, Map.of(Allocation.Allocated.class, "allocated", Allocation.Conflict.class, "conflict"));
        m.put(
                DoseDecision.class,
                Map.of(
                        DoseDecision.Proceed.class, "proceed",
                        DoseDecision.Withhold.class, "withhold",
                        DoseDecision.Discontinue.class, "discontinue"));
        m.put(
                ContinuationAdvice.class,
                Map.of(ContinuationAdvice.Continue.class, "continue", ContinuationAdvice.Stop.class, "stop"));
        m.put(
                CycleDecision.class,
                Map.of(
                        CycleDecision.Continue.class, "continue",
                        CycleDecision.Adjust.class, "adjust",
                        CycleDecision.Stop.class, "stop"));
        m.put(
                ReleaseCriterion.class,
                Map.of(
                        ReleaseCriterion.DoseRateAtOneMetre.class, "dose_rate_at_1m",
                        ReleaseCriterion.ProjectedDose.class, "projected_dose"));
        // a variant added to the domain without a stored name would be unreadable: refuse to start instead
        m.forEach((root, named) -> {
            Set<Class<?>> permitted =
                    Arrays.stream(root.getPermittedSubclasses()).collect(Collectors.toSet());
            if (!permitted.equals(named.keySet())) {
                throw new IllegalStateException("ClinicalJson: " + root.getName() + " has variants " + permitted
                        + " but names for " + named.keySet() + "; name every variant");
            }
        });
        return m;
    }
}
