package org.netra.physics.archfixture;

import org.netra.app.cli.Main;

/** A deliberate violation, in test code only: proves the architecture rule can fail. */
public final class PhysicsThatReachesUp {
    private PhysicsThatReachesUp() {}

    public static Object reachUp() {
        return Main.commandLine();
    }
}
