package org.netra.physics.decay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.netra.physics.nuclide.NuclideCatalog;
import org.netra.physics.quantity.Activity;
import org.netra.physics.quantity.InvalidQuantityException;
import org.netra.physics.quantity.Times;

class DecayTest {
    private static final Duration LU177 = NuclideCatalog.icrp107().get("Lu-177").halfLife();

    @Test
    void oneHalfLifeHalvesTheActivity() {
        Activity a = Decay.activityAt(Activity.ofGBq(7.4), LU177, LU177);
        assertThat(a.inGBq()).isCloseTo(3.7, within(1e-12));
        assertThat(Decay.factor(LU177, LU177.multipliedBy(3))).isCloseTo(0.125, within(1e-15));
    }

    @Test
    void factorBetweenInstantsRunsBothWays() {
        Instant injection = Instant.parse("2018-11-15T09:22:00Z");
        Instant scan = injection.plus(Duration.ofMinutes((long) (27.7 * 60)));
        double forward = Decay.factor(LU177, injection, scan);
        assertThat(forward).isCloseTo(Math.exp(-Math.log(2) * 27.7 / (6.647 * 24)), within(1e-12));
        assertThat(Decay.factor(LU177, scan, injection)).isCloseTo(1 / forward, within(1e-12));
    }

    @Test
    void effectiveHalfLifeCombinesReciprocally() {
        // Physical 6.647 d with a biological 2 d: 1/Te = 1/6.647 + 1/2
        Duration te = Decay.effectiveHalfLife(LU177, Duration.ofDays(2));
        assertThat(Times.days(te)).isCloseTo(1 / (1 / 6.647 + 1 / 2.0), within(1e-9));
        assertThat(Times.days(Decay.biologicalHalfLife(LU177, te))).isCloseTo(2.0, within(1e-9));
        assertThatThrownBy(() -> Decay.biologicalHalfLife(LU177, LU177.plusDays(1)))
                .isInstanceOf(InvalidQuantityException.class)
                .hasMessageContaining("shorter than the physical");
    }

    @Test
    void integralToInfinityIsA0TimesMeanLife() {
        // 7.4 GBq of Lu-177 with no excretion: A0·T½/ln2 Bq·s
        var tia = Decay.integralToInfinity(Activity.ofGBq(7.4), LU177);
        assertThat(tia.inBqSeconds()).isCloseTo(7.4e9 * 6.647 * 86400 / Math.log(2), within(1.0));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Decay.factor(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(InvalidQuantityException.class)
                .hasMessageContaining("half-life must be positive");
        assertThatThrownBy(() -> Decay.integral(Activity.ofMBq(1), LU177, Duration.ofHours(5), Duration.ofHours(1)))
                .hasMessageContaining("ends");
    }

    @Property(tries = 300)
    void decayingOverT1ThenT2EqualsDecayingOverTheSum(
            @ForAll @DoubleRange(min = 0, max = 2000) double hours1,
            @ForAll @DoubleRange(min = 0, max = 2000) double hours2,
            @ForAll @DoubleRange(min = 0.01, max = 1e5) double halfLifeHours) {
        Duration half = Times.ofHours(halfLifeHours);
        Activity a0 = Activity.ofMBq(7400);
        Activity stepwise =
                Decay.activityAt(Decay.activityAt(a0, half, Times.ofHours(hours1)), half, Times.ofHours(hours2));
        Activity once = Decay.activityAt(a0, half, Times.ofHours(hours1 + hours2));
        assertThat(stepwise.inBq()).isCloseTo(once.inBq(), within(1e-9 * a0.inBq()));
    }

    /** The closed-form interval integral against composite Simpson's rule on the same curve. */
    @Property(tries = 100)
    void intervalIntegralMatchesNumericIntegration(
            @ForAll @DoubleRange(min = 0, max = 500) double fromHours,
            @ForAll @DoubleRange(min = 0.1, max = 500) double lengthHours,
            @ForAll @DoubleRange(min = 1, max = 1000) double halfLifeHours) {
        Duration half = Times.ofHours(halfLifeHours);
        Activity a0 = Activity.ofMBq(1000);
        double a = fromHours * 3600;
        double b = (fromHours + lengthHours) * 3600;
        double lambda = Math.log(2) / (halfLifeHours * 3600);
        int n = 20_000;
        double h = (b - a) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double w = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += w * a0.inBq() * Math.exp(-lambda * (a + i * h));
        }
        double simpson = sum * h / 3;
        double closed = Decay.integral(a0, half, Times.ofHours(fromHours), Times.ofHours(fromHours + lengthHours))
                .inBqSeconds();
        assertThat(closed).isCloseTo(simpson, within(1e-7 * simpson + 1e-9));
    }

    @Property(tries = 100)
    void intervalsAddUpToInfinity(
            @ForAll @DoubleRange(min = 0, max = 300) double splitHours,
            @ForAll @DoubleRange(min = 0.5, max = 500) double halfLifeHours) {
        Duration half = Times.ofHours(halfLifeHours);
        Activity a0 = Activity.ofMBq(100);
        double head = Decay.integral(a0, half, Duration.ZERO, Times.ofHours(splitHours))
                .inBqSeconds();
        double tail = Decay.activityAt(a0, half, Times.ofHours(splitHours)).inBq() / Decay.constantPerSecond(half);
        double whole = Decay.integralToInfinity(a0, half).inBqSeconds();
        assertThat(head + tail).isCloseTo(whole, within(1e-12 * whole));
    }
}
