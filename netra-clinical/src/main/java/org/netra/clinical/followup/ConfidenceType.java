package org.netra.clinical.followup;

/**
 * How the Greenwood variance becomes a confidence interval for S(t), as R's {@code survfit(conf.type=)}:
 * LOG (R's default) exp(log S ± z·se), LOG_LOG exp(−exp(log(−log S) ± z·se/log S)), PLAIN S ± z·se·S.
 */
public enum ConfidenceType {
    LOG,
    LOG_LOG,
    PLAIN
}
