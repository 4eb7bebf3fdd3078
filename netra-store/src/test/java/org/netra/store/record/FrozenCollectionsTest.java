package org.netra.store.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FrozenCollectionsTest {
    record Box(List<String> names, Set<Integer> numbers, Map<String, List<String>> byKey, ArrayList<String> own) {}

    private static final String JSON =
            "{\"names\":[\"a\",\"b\"],\"numbers\":[1,2],\"byKey\":{\"k\":[\"x\"]},\"own\":[\"c\"]}";

    @Test
    void listsSetsAndMapsAreReadUnmodifiableAtEveryDepth() {
        Box box = new Documents(new FrozenCollections()).read(JSON, Box.class);
        assertThat(box.names()).containsExactly("a", "b");
        assertThat(box.byKey()).containsEntry("k", List.of("x"));
        assertThatThrownBy(() -> box.names().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> box.numbers().remove(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> box.byKey().put("j", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> box.byKey().get("k").add("y")).isInstanceOf(UnsupportedOperationException.class);
        // a field declared as a concrete class still gets that class
        assertThat(box.own()).isInstanceOf(ArrayList.class).containsExactly("c");
    }

    @Test
    void withoutTheModuleTheSameDocumentReadsModifiable() {
        // the reference: what the module changes (so the test above can fail)
        Box box = new Documents().read(JSON, Box.class);
        box.names().add("c");
        assertThat(box.names()).containsExactly("a", "b", "c");
        assertThat(new TreeSet<>(box.numbers())).containsExactly(1, 2);
    }
}
