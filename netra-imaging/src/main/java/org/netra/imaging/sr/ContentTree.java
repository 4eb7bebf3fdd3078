package org.netra.imaging.sr;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netra.imaging.dicom.Attributes;
import org.netra.imaging.dicom.Tag;
import org.netra.imaging.dicom.Vr;
import org.netra.imaging.sr.ContentItem.OffsetOrLocal;
import org.netra.imaging.sr.ContentItem.Relationship;

/**
 * An SR content tree to and from the data set (PS3.3 C.17.3, SR Document Content Module): the root container's
 * attributes sit in the data set itself, every other item in its parent's Content Sequence. Content items by
 * value only (no by-reference relationships), which is what netra's templates need.
 */
public final class ContentTree {
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    private ContentTree() {}

    /**
     * Writes {@code root} into {@code dataset} with its template identification (Content Template Sequence,
     * mapping resource DCMR).
     */
    public static Attributes.Builder writeRoot(Attributes.Builder dataset, ContentItem.Container root, String tid) {
        dataset.setString(Tag.VALUE_TYPE, Vr.CS, "CONTAINER")
                .setSequence(Tag.CONCEPT_NAME_CODE_SEQUENCE, List.of(root.name().toItem()))
                .setString(Tag.CONTINUITY_OF_CONTENT, Vr.CS, "SEPARATE")
                .setSequence(
                        Tag.CONTENT_TEMPLATE_SEQUENCE,
                        List.of(Attributes.builder()
                                .setString(Tag.MAPPING_RESOURCE, Vr.CS, "DCMR")
                                .setString(Tag.TEMPLATE_IDENTIFIER, Vr.CS, tid)
                                .build()))
                .setSequence(Tag.CONTENT_SEQUENCE, items(root.children()));
        if (anyUtc(root)) {
            dataset.setString(Tag.TIMEZONE_OFFSET_FROM_UTC, Vr.SH, "+0000");
        }
        return dataset;
    }

    /**
     * DT as DICOM writes it, with the UTC offset when known (PS3.5 6.2, "&ZZXX") — except UTC itself, which is
     * written without a suffix and stated once as the instance's Timezone Offset From UTC (0008,0201, PS3.3
     * C.12.1.1.8; see {@link #writeRoot}): DCMTK's dcmsr (3.6.7) rejects the suffix "+0000" as a VR violation, so a
     * department working in UTC would otherwise send SRs DCMTK reads with warnings.
     */
    public static String dateTime(OffsetOrLocal t) {
        return t.local().format(DT)
                + t.offset()
                        .filter(o -> !o.equals(ZoneOffset.UTC))
                        .map(OFFSET::format)
                        .orElse("");
    }

    private static boolean anyUtc(ContentItem c) {
        boolean here =
                switch (c) {
                    case ContentItem.DateTime d -> d.value().offset().equals(Optional.of(ZoneOffset.UTC));
                    case ContentItem.Num n ->
                        n.observedAt().flatMap(OffsetOrLocal::offset).equals(Optional.of(ZoneOffset.UTC));
                    default -> false;
                };
        return here || c.children().stream().anyMatch(ContentTree::anyUtc);
    }

    private static List<Attributes> items(List<ContentItem> children) {
        List<Attributes> out = new ArrayList<>(children.size());
        for (ContentItem c : children) {
            out.add(item(c));
        }
        return out;
    }

    private static Attributes item(ContentItem c) {
        if (c.relationship() == Relationship.ROOT) {
            throw new IllegalArgumentException(c.name() + " is not the root but has no relationship with its parent");
        }
        var b = Attributes.builder()
                .setString(Tag.RELATIONSHIP_TYPE, Vr.CS, c.relationship().dicom())
                .setSequence(Tag.CONCEPT_NAME_CODE_SEQUENCE, List.of(c.name().toItem()));
        switch (c) {
            case ContentItem.Container x ->
                b.setString(Tag.VALUE_TYPE, Vr.CS, "CONTAINER").setString(Tag.CONTINUITY_OF_CONTENT, Vr.CS, "SEPARATE");
            case ContentItem.Code x ->
                b.setString(Tag.VALUE_TYPE, Vr.CS, "CODE")
                        .setSequence(
                                Tag.CONCEPT_CODE_SEQUENCE, List.of(x.value().toItem()));
            case ContentItem.Num x -> {
                String ds = x.value().stripTrailingZeros().toPlainString();
                if (ds.length() > 16) {
                    throw new IllegalArgumentException("the value of " + x.name() + ", " + ds
                            + ", has more than the 16 characters a decimal string holds; round it first");
                }
                b.setString(Tag.VALUE_TYPE, Vr.CS, "NUM")
                        .setSequence(
                                Tag.MEASURED_VALUE_SEQUENCE,
                                List.of(Attributes.builder()
                                        .setSequence(
                                                Tag.MEASUREMENT_UNITS_CODE_SEQUENCE,
                                                List.of(x.unit().toItem()))
                                        .setString(Tag.NUMERIC_VALUE, Vr.DS, ds)
                                        .build()));
                x.observedAt().ifPresent(t -> b.setString(Tag.OBSERVATION_DATE_TIME, Vr.DT, dateTime(t)));
            }
            case ContentItem.DateTime x ->
                b.setString(Tag.VALUE_TYPE, Vr.CS, "DATETIME").setString(Tag.DATE_TIME, Vr.DT, dateTime(x.value()));
            case ContentItem.UidRef x ->
                b.setString(Tag.VALUE_TYPE, Vr.CS, "UIDREF").setString(Tag.UID, Vr.UI, x.uid());
            case ContentItem.Text x ->
                b.setString(Tag.VALUE_TYPE, Vr.CS, "TEXT").setString(Tag.TEXT_VALUE, Vr.UT, x.text());
            case ContentItem.Other x ->
                throw new IllegalArgumentException(
                        "netra does not write SR items of value type " + x.valueType() + " (" + x.name() + ")");
        }
        if (!c.children().isEmpty()) {
            b.setSequence(Tag.CONTENT_SEQUENCE, items(c.children()));
        }
        return b.build();
    }

    /** The root container of an SR data set, with its whole tree. */
    public static ContentItem.Container readRoot(Attributes dataset) {
        String vt = dataset.string(Tag.VALUE_TYPE).orElse("");
        if (!vt.equals("CONTAINER")) {
            throw new StructuredReportException(dataset.source() + " is not an SR document: its root Value Type "
                    + Tag.toString(Tag.VALUE_TYPE) + " is '" + vt + "', not CONTAINER");
        }
        CodedConcept name = CodedConcept.in(dataset, Tag.CONCEPT_NAME_CODE_SEQUENCE)
                .orElseThrow(() -> new StructuredReportException(
                        dataset.source() + ": the root container has no Concept Name Code Sequence"));
        return new ContentItem.Container(
                Relationship.ROOT, name, read(dataset, name.toString(), instanceOffset(dataset)));
    }

    private static List<ContentItem> read(Attributes parent, String path, Optional<ZoneOffset> instanceOffset) {
        List<ContentItem> out = new ArrayList<>();
        for (Attributes item : parent.sequence(Tag.CONTENT_SEQUENCE)) {
            out.add(readItem(item, path, instanceOffset));
        }
        return out;
    }

    private static ContentItem readItem(Attributes item, String parentPath, Optional<ZoneOffset> instanceOffset) {
        String vt = item.string(Tag.VALUE_TYPE).orElse("");
        String rt = item.string(Tag.RELATIONSHIP_TYPE).orElse("");
        CodedConcept name = CodedConcept.in(item, Tag.CONCEPT_NAME_CODE_SEQUENCE)
                .orElseThrow(() -> new StructuredReportException(item.source() + ": a " + vt + " item under "
                        + parentPath + " has no Concept Name Code Sequence"));
        String path = parentPath + " > " + name;
        Relationship rel = Relationship.of(rt)
                .orElseThrow(() -> new StructuredReportException(item.source() + ": " + path
                        + " has Relationship Type '" + rt + "', which is not one of PS3.3's"));
        List<ContentItem> children = read(item, path, instanceOffset);
        return switch (vt) {
            case "CONTAINER" -> new ContentItem.Container(rel, name, children);
            case "CODE" ->
                new ContentItem.Code(
                        rel,
                        name,
                        CodedConcept.in(item, Tag.CONCEPT_CODE_SEQUENCE)
                                .orElseThrow(() -> missing(item, path, "Concept Code Sequence")),
                        children);
            case "NUM" -> {
                var mv = item.sequence(Tag.MEASURED_VALUE_SEQUENCE);
                if (mv.isEmpty()) {
                    throw missing(item, path, "Measured Value Sequence");
                }
                String ds =
                        mv.getFirst().string(Tag.NUMERIC_VALUE).orElseThrow(() -> missing(item, path, "Numeric Value"));
                BigDecimal value;
                try {
                    value = new BigDecimal(ds.strip());
                } catch (NumberFormatException e) {
                    throw new StructuredReportException(
                            item.source() + ": " + path + " has Numeric Value '" + ds + "', which is not a number");
                }
                CodedConcept unit = CodedConcept.in(mv.getFirst(), Tag.MEASUREMENT_UNITS_CODE_SEQUENCE)
                        .orElseThrow(() -> missing(item, path, "Measurement Units Code Sequence"));
                yield new ContentItem.Num(
                        rel,
                        name,
                        value,
                        unit,
                        readDateTime(item, Tag.OBSERVATION_DATE_TIME, instanceOffset),
                        children);
            }
            case "DATETIME" ->
                new ContentItem.DateTime(
                        rel,
                        name,
                        readDateTime(item, Tag.DATE_TIME, instanceOffset)
                                .orElseThrow(() -> missing(item, path, "DateTime")),
                        children);
            case "UIDREF" ->
                new ContentItem.UidRef(
                        rel, name, item.string(Tag.UID).orElseThrow(() -> missing(item, path, "UID")), children);
            case "TEXT" ->
                new ContentItem.Text(rel, name, item.string(Tag.TEXT_VALUE).orElse(""), children);
            default -> new ContentItem.Other(rel, name, vt, children);
        };
    }

    /** The instance's Timezone Offset From UTC (0008,0201), which applies to every DT written without one. */
    private static Optional<ZoneOffset> instanceOffset(Attributes dataset) {
        Optional<String> s =
                dataset.string(Tag.TIMEZONE_OFFSET_FROM_UTC).map(String::strip).filter(x -> !x.isEmpty());
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(offset(s.get()));
        } catch (java.time.DateTimeException e) {
            throw new StructuredReportException(dataset.source() + ", " + Tag.toString(Tag.TIMEZONE_OFFSET_FROM_UTC)
                    + ": '" + s.get() + "' is not a UTC offset &ZZXX such as +0100");
        }
    }

    /** "&ZZXX" (PS3.5 6.2) as an offset, read with the pattern netra writes it with. */
    private static ZoneOffset offset(String zzxx) {
        return ZoneOffset.from(OFFSET.parse(zzxx));
    }

    private static Optional<OffsetOrLocal> readDateTime(Attributes item, int tag, Optional<ZoneOffset> instanceOffset) {
        Optional<LocalDateTime> local = item.dateTime(tag);
        if (local.isEmpty()) {
            return Optional.empty();
        }
        String s = item.string(tag).orElse("").strip();
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        Optional<ZoneOffset> offset = Optional.empty();
        if (sign > 0 && s.length() - sign == 5) {
            try {
                offset = Optional.of(offset(s.substring(sign)));
            } catch (java.time.DateTimeException e) {
                throw new StructuredReportException(
                        item.source() + ", " + Tag.toString(tag) + ": '" + s + "' has a UTC offset that is not &ZZXX");
            }
        }
        return Optional.of(new OffsetOrLocal(local.get(), offset.or(() -> instanceOffset)));
    }

    private static StructuredReportException missing(Attributes item, String path, String what) {
        return new StructuredReportException(item.source() + ": " + path + " has no " + what);
    }
}
