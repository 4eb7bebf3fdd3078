package org.netra.app.web.input;

import io.javalin.http.Context;
import java.util.Map;

/** The {@code page} query parameter of a paged list (1 when absent), refused at the field when it is not a number. */
public final class PageNumber {
    private PageNumber() {}

    /** The requested page from 1; a page beyond the last is the list's to clamp. */
    public static int of(Context ctx) {
        String raw = ctx.queryParamAsClass("page", String.class).getOrDefault("1");
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(Map.of("page", "a whole number from 1, got '" + raw + "'"));
        }
    }
}
