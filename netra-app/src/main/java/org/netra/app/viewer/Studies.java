package org.netra.app.viewer;

import java.util.List;
import java.util.Optional;

/** The imaging studies the viewer can show. */
public interface Studies {
    /** One study: its id (URL-safe), a title, and what layers it has. */
    record Study(String id, String title, boolean hasCt, boolean hasVois, boolean hasDose) {}

    List<Study> list();

    /** The study's scene, loaded on first use (waiting for it however long that takes); empty for an unknown id. */
    Optional<Scene> scene(String id);

    /**
     * What the viewer can show of a study now: its scene, or — while its emission image is still being made (a
     * demo twin's SPECT is simulated on first use, seconds of CPU) — only what is already exact, the study's CT.
     */
    sealed interface Opening permits Opened, Simulating {}

    /** The study is ready: every layer can be drawn. */
    record Opened(Scene scene) implements Opening {}

    /**
     * The study's emission image is being simulated; nothing of it exists yet, so nothing of it may be drawn.
     *
     * @param ct the study's CT, on the emission image's grid, exactly as the finished scene will show it
     * @param percent how far the simulation is, 0–100
     * @param step what it is doing now, in words
     */
    record Simulating(String title, org.netra.imaging.volume.ImageVolume ct, int percent, String step)
            implements Opening {
        public Simulating {
            ct.requireUnit(org.netra.imaging.volume.VoxelUnit.HU, "the CT shown while the SPECT is simulated");
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("progress is 0–100 %, got " + percent);
            }
        }
    }

    /**
     * The study as it can be shown now, without waiting for what is still being made; empty for an unknown id. A
     * catalogue whose scenes are quick to load simply loads it.
     */
    default Optional<Opening> open(String id) {
        return scene(id).map(Opened::new);
    }

    /** Looks again for studies added since (a folder store's new folders); nothing for a fixed set. */
    default void refresh() {}

    /** The studies of {@code first}, then those of {@code second}; a study id belongs to the first that has it. */
    static Studies combined(Studies first, Studies second) {
        return new Studies() {
            @Override
            public List<Study> list() {
                var all = new java.util.ArrayList<>(first.list());
                all.addAll(second.list());
                return all;
            }

            @Override
            public Optional<Scene> scene(String id) {
                return first.scene(id).or(() -> second.scene(id));
            }

            @Override
            public Optional<Opening> open(String id) {
                return first.open(id).or(() -> second.open(id));
            }

            @Override
            public void refresh() {
                first.refresh();
                second.refresh();
            }
        };
    }

    static Studies none() {
        return new Studies() {
            @Override
            public List<Study> list() {
                return List.of();
            }

            @Override
            public Optional<Scene> scene(String id) {
                return Optional.empty();
            }
        };
    }
}
