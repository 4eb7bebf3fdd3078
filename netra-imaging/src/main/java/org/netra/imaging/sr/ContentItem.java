package org.netra.imaging.sr;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of an SR content tree (PS3.3 C.17.3): its relationship with its parent, its concept name, its
 * value by value type, and its children. Only the value types netra's templates use are here; a reader meeting
 * another keeps it as {@link Other} so that the tree still reads whole.
 */
public sealed interface ContentItem {
    Relationship relationship();

    CodedConcept name();

    List<ContentItem> children();

    /** How a content item relates to its parent (PS3.3 C.17.3.2.4); the root has none ({@code ROOT}). */
    enum Relationship {
        ROOT(""),
        CONTAINS("CONTAINS"),
        HAS_PROPERTIES("HAS PROPERTIES"),
        HAS_CONCEPT_MOD("HAS CONCEPT MOD"),
        HAS_OBS_CONTEXT("HAS OBS CONTEXT"),
        HAS_ACQ_CONTEXT("HAS ACQ CONTEXT"),
        INFERRED_FROM("INFERRED FROM"),
        SELECTED_FROM("SELECTED FROM");

        private final String dicom;

        Relationship(String dicom) {
            this.dicom = dicom;
        }

        public String dicom() {
            return dicom;
        }

        static Optional<Relationship> of(String dicom) {
            for (Relationship r : values()) {
                if (r != ROOT && r.dicom.equals(dicom)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    record Container(Relationship relationship, CodedConcept name, List<ContentItem> children) implements ContentItem {
        public Container {
            children = List.copyOf(children);
        }
    }

    record Code(Relationship relationship, CodedConcept name, CodedConcept value, List<ContentItem> children)
            implements ContentItem {
        public Code {
            Objects.requireNonNull(value, "value of " + name);
            children = List.copyOf(children);
        }
    }

    /**
     * A measurement with its unit (UCUM) and, when it was measured at a time of its own, the Observation
     * DateTime (0040,A032) with its UTC offset when the sender gave one.
     */
    record Num(
            Relationship relationship,
            CodedConcept name,
            BigDecimal value,
            CodedConcept unit,
            Optional<OffsetOrLocal> observedAt,
            List<ContentItem> children)
            implements ContentItem {
        public Num {
            Objects.requireNonNull(value, "value of " + name);
            Objects.requireNonNull(unit, "unit of " + name);
            observedAt = observedAt == null ? Optional.empty() : observedAt;
            children = List.copyOf(children);
        }
    }

    record DateTime(Relationship relationship, CodedConcept name, OffsetOrLocal value, List<ContentItem> children)
            implements ContentItem {
        public DateTime {
            Objects.requireNonNull(value, "value of " + name);
            children = List.copyOf(children);
        }
    }

    record UidRef(Relationship relationship, CodedConcept name, String uid, List<ContentItem> children)
            implements ContentItem {
        public UidRef {
            Objects.requireNonNull(uid, "value of " + name);
            children = List.copyOf(children);
        }
    }

    record Text(Relationship relationship, CodedConcept name, String text, List<ContentItem> children)
            implements ContentItem {
        public Text {
            Objects.requireNonNull(text, "value of " + name);
            children = List.copyOf(children);
        }
    }

    /** A value type netra does not interpret (PNAME, IMAGE, SCOORD…), kept by name so the tree reads whole. */
    record Other(Relationship relationship, CodedConcept name, String valueType, List<ContentItem> children)
            implements ContentItem {
        public Other {
            children = List.copyOf(children);
        }
    }

    /**
     * A DT value: the sender's wall-clock time and, when the value carried one, its UTC offset. Without an
     * offset the time is the sender's local time, which only the receiver's zone can place.
     */
    record OffsetOrLocal(java.time.LocalDateTime local, Optional<java.time.ZoneOffset> offset) {
        public OffsetOrLocal {
            Objects.requireNonNull(local, "local time");
            offset = offset == null ? Optional.empty() : offset;
        }

        public static OffsetOrLocal of(OffsetDateTime t) {
            return new OffsetOrLocal(t.toLocalDateTime(), Optional.of(t.getOffset()));
        }

        /** The time in {@code zone}: converted when the value has an offset, else taken as already in it. */
        public java.time.LocalDateTime in(java.time.ZoneId zone) {
            return offset.map(o -> local.atOffset(o).atZoneSameInstant(zone).toLocalDateTime())
                    .orElse(local);
        }
    }

    /** The first child named {@code concept} (by code value and scheme), if any. */
    default Optional<ContentItem> child(CodedConcept concept) {
        return children().stream().filter(c -> c.name().sameCode(concept)).findFirst();
    }
}
