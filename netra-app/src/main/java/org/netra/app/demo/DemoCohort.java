package org.netra.app.demo;

import org.netra.store.Store;

/**
 * What {@code netra demo} loads into its fresh database besides the demo users. netra-sim's synthetic
 * cohort plugs in here (see {@code DemoCommand}); until then nothing clinical is seeded.
 */
@FunctionalInterface
public interface DemoCohort {
    /** Loads the cohort as {@code actor} (audit-trailed) and says in one line what it loaded. */
    String load(Store store, String actor);

    static DemoCohort none() {
        return (store, actor) -> "no demo patients yet: the synthetic cohort comes with netra-sim";
    }
}
