package org.netra.dosimetry.cycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How VOI names become {@link RegionRole}s: an ordered list of name rules (the first whose pattern matches the
 * name's key wins; else {@link RegionRole#ORGAN}) and per-VOI overrides, which win over every rule. A name's key
 * is its lower-case words of letters and digits, a letter-digit boundary splitting a word ("Kidney_L" → "kidney l",
 * "lesion1" → "lesion 1"). A department replaces the rules ({@link #parse}) where its naming differs, and the user
 * overrides a single VOI whose name says nothing ({@link #withOverride}); the roles used are reported with each
 * result.
 *
 * @param rules tried in order
 * @param overrides VOI name (exact) → role
 */
public record RoleRules(List<Rule> rules, Map<String, RegionRole> overrides) {

    /** One rule: a VOI whose key matches {@code pattern} in full has {@code role}. */
    public record Rule(RegionRole role, Pattern pattern) {
        public Rule {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String toString() {
            return role.name().toLowerCase(Locale.ROOT) + "=" + pattern.pattern();
        }
    }

    /**
     * netra's rules: the kidneys ("Kidney_L", "right kidney", "kidneys", not a part of them), a kidney's cortex
     * ("Kidney_L_cortex", "renal cortex"), tumours ("Tumour_liver_1", "lesion1", "GTV", "liver met 2", "nodes"),
     * marrow, the urinary bladder ("Bladder", "urinary bladder"; not "gallbladder", and a "bladder tumour" is a
     * tumour), the body outline ("Body", "External", "Outline").
     */
    public static final RoleRules DEFAULT = new RoleRules(
            List.of(
                    new Rule(RegionRole.KIDNEY, Pattern.compile("((left|right|l|r) )?kidneys?( (left|right|l|r))?")),
                    new Rule(RegionRole.KIDNEY_CORTEX, Pattern.compile(".*\\b(kidneys?|renal)\\b.*\\bcortex\\b.*")),
                    new Rule(
                            RegionRole.TUMOUR,
                            Pattern.compile(".*\\b(tumou?rs?|lesions?|mets?|metastas[ie]s|gtv|primary|nodes?)\\b.*")),
                    new Rule(RegionRole.MARROW, Pattern.compile(".*\\bmarrow\\b.*")),
                    new Rule(RegionRole.URINARY_BLADDER, Pattern.compile(".*\\bbladder\\b.*")),
                    new Rule(RegionRole.BODY, Pattern.compile("(whole )?body|external|patient|outline"))),
            Map.of());

    public RoleRules {
        rules = List.copyOf(rules);
        overrides = Map.copyOf(overrides);
    }

    /** The role of a VOI by its name. */
    public RegionRole roleOf(String voiName) {
        RegionRole forced = overrides.get(voiName);
        if (forced != null) {
            return forced;
        }
        String key = key(voiName);
        for (Rule r : rules) {
            if (r.pattern().matcher(key).matches()) {
                return r.role();
            }
        }
        return RegionRole.ORGAN;
    }

    /** These rules with {@code voiName} given {@code role} whatever its name says. */
    public RoleRules withOverride(String voiName, RegionRole role) {
        Map<String, RegionRole> o = new LinkedHashMap<>(overrides);
        o.put(voiName, role);
        return new RoleRules(rules, o);
    }

    /**
     * Overrides from "NAME=ROLE" items (the CLI's {@code --role}, a form field), the role by its name in any case
     * ("kidney", "kidney_cortex", "tumour"); a malformed item is a typed error naming it.
     */
    public RoleRules withOverrides(List<String> items) {
        RoleRules out = this;
        for (String item : items) {
            int eq = item.lastIndexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new CycleInputException("role override '" + item + "' is not NAME=ROLE; the roles are "
                        + List.of(RegionRole.values()).toString().toLowerCase(Locale.ROOT));
            }
            out = out.withOverride(item.substring(0, eq), role(item.substring(eq + 1), "role override " + item));
        }
        return out;
    }

    /**
     * A department's rules from "ROLE=REGEX" lines, tried in order (blank lines and lines starting with # are
     * ignored); the regular expression must match a name's key (lower-case words, see above) in full.
     */
    public static RoleRules parse(List<String> lines) {
        List<Rule> rules = new java.util.ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new CycleInputException("role rule '" + line + "' is not ROLE=REGEX");
            }
            try {
                rules.add(new Rule(
                        role(line.substring(0, eq), "role rule " + line),
                        Pattern.compile(line.substring(eq + 1).strip())));
            } catch (PatternSyntaxException e) {
                throw new CycleInputException(
                        "role rule '" + line + "' has an invalid regular expression: " + e.getDescription());
            }
        }
        return new RoleRules(rules, Map.of());
    }

    private static RegionRole role(String text, String where) {
        try {
            return RegionRole.valueOf(text.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new CycleInputException(where + ": '" + text + "' is not a role; the roles are "
                    + List.of(RegionRole.values()).toString().toLowerCase(Locale.ROOT));
        }
    }

    /** A VOI name as lower-case words of letters and digits, split where a letter meets a digit. */
    public static String key(String voiName) {
        return voiName.toLowerCase(Locale.ROOT)
                .replaceAll("([a-z])(\\d)", "$1 $2")
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
    }
}
