package org.netra.store.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.netra.store.StoreException;

/** Records to and from the JSON text the store keeps; dates and durations as ISO-8601 text. */
public final class Documents {
    private final ObjectMapper mapper;

    public Documents(Module... modules) {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModules(modules)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException(
                    "cannot store " + value.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException(
                    "stored " + type.getSimpleName() + " cannot be read back: " + e.getOriginalMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
