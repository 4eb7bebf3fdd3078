package org.netra.store.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every list, set and map of a document as an unmodifiable one. Records kept by a node and handed to
 * every request ({@code StampedReads}) must be values: one request changing a list inside a kept chart would
 * change what every later request shows, so such a change throws instead.
 */
public final class FrozenCollections extends SimpleModule {
    public FrozenCollections() {
        super("netra-frozen-collections");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(
                    DeserializationConfig config,
                    CollectionType type,
                    BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                // Jackson has mapped List to ArrayList by now: a field declared as a class is left alone later
                return new Frozen(deserializer);
            }

            @Override
            public JsonDeserializer<?> modifyMapDeserializer(
                    DeserializationConfig config,
                    MapType type,
                    BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return new Frozen(deserializer);
            }
        });
    }

    /** Wraps what the collection's own deserializer made. */
    private static final class Frozen extends DelegatingDeserializer {
        Frozen(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Frozen(delegate);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctx, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = super.createContextual(ctx, property);
            // a field declared as a class (ArrayList, TreeMap…) must get that class, not an unmodifiable view
            boolean declaredAsClass = property != null
                    && property.getType().isContainerType()
                    && !property.getType().isInterface();
            return declaredAsClass && contextual instanceof Frozen frozen ? frozen.getDelegatee() : contextual;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return freeze(super.deserialize(p, ctx));
        }

        private static Object freeze(Object value) {
            return switch (value) {
                case List<?> list -> Collections.unmodifiableList(list);
                case Set<?> set -> Collections.unmodifiableSet(set);
                case Collection<?> other -> Collections.unmodifiableCollection(other);
                case Map<?, ?> map -> Collections.unmodifiableMap(map);
                case null, default -> value;
            };
        }
    }
}
