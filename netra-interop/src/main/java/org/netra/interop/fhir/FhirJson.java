package org.netra.interop.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.r4.model.Bundle;

/** FHIR R4 JSON, through HAPI's parser; the context is built once (it is expensive) and shared. */
public final class FhirJson {
    private FhirJson() {}

    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    public static String encode(Bundle bundle) {
        return context().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
    }

    public static Bundle parse(String json, String source) {
        try {
            return context().newJsonParser().parseResource(Bundle.class, json);
        } catch (DataFormatException e) {
            throw new FhirImportException(source + " is not a FHIR R4 JSON Bundle: " + e.getMessage(), e);
        }
    }
}
