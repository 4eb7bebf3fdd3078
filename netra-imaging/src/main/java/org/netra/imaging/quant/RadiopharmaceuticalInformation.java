package org.netra.imaging.quant;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.netra.physics.quantity.Activity;

/**
 * What was injected, from the Radiopharmaceutical Information Sequence (0054,0016): start date-time,
 * total dose (the activity at that time) and the nuclide's half-life.
 *
 * @param halfLifeSource where the half-life came from: the header's (0018,1075) or netra's ICRP-107
 *     catalogue (when the header lacks it)
 */
public record RadiopharmaceuticalInformation(
        LocalDateTime injection,
        Activity injected,
        Duration halfLife,
        String halfLifeSource,
        Optional<String> nuclide,
        Optional<String> name) {}
