package org.netra.app.web.cyclefixtureb;

import org.netra.app.web.cyclefixturea.FeatureNamingOther;

/** Test fixture: the other half of the cycle in {@link FeatureNamingOther}. */
public final class FeatureNamingBack {
    public FeatureNamingOther back() {
        return new FeatureNamingOther();
    }
}
