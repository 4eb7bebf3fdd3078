package org.netra.app.web.input;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * A page form's post: saved, it answers 303 to the page to show next; refused, it shows the page again
 * (400) with the form as typed and a message at each refused field.
 */
public final class FormPost {
    private FormPost() {}

    /** Saves what the form sent (its result, if any, is not needed: the next page reads it back). */
    @FunctionalInterface
    public interface Save {
        void apply(FormFields f);
    }

    /** Shows the page again with the values as typed and the errors by field. */
    @FunctionalInterface
    public interface Again {
        void show(Map<String, String> typed, Map<String, String> errors);
    }

    public static void handle(Context ctx, Save save, String next, Again again) {
        FormFields f = Submitted.form(ctx);
        try {
            save.apply(f);
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } catch (InvalidInputException e) {
            ctx.status(400);
            again.show(f.values(), e.fields());
        }
    }
}
