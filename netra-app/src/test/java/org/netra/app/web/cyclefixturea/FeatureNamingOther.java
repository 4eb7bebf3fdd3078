package org.netra.app.web.cyclefixturea;

import org.netra.app.web.cyclefixtureb.FeatureNamingBack;

/** Test fixture: a web feature that uses another feature which uses it back (a cycle the rule must catch). */
public final class FeatureNamingOther {
    public FeatureNamingBack other() {
        return new FeatureNamingBack();
    }
}
