package org.netra.app.viewer;

import java.util.List;
import java.util.Optional;

/** The imaging studies the viewer can show. */
public interface Studies {
    /** One study: its id (URL-safe), a title, and what layers it has. */
    record Study(String id, String title, boolean hasCt, boolean hasVois, boolean hasDose) {}

    List<Study> list();

    /** The study's scene, loaded on first use; empty for an unknown id. */
    Optional<Scene> scene(String id);

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
