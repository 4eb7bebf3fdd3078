package org.netra.app.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.netra.app.web.input.Form;
import org.netra.app.web.input.FormPage;
import org.netra.app.web.input.InvalidInputException;
import org.netra.store.Store;
import org.netra.store.audit.Changes;
import org.netra.store.clinical.PatientRegistry;
import org.netra.store.record.ConcurrentEditException;
import org.netra.store.record.RecordKind;

/**
 * How a data-entry form is handled on both surfaces. A page shows the form again with every field's message
 * (400) or with why the save was refused (409: someone saved in between, or the patient is registered
 * already); the API answers the same as JSON. A stale save says who changed the record and which parts.
 */
public final class Submission {
    private Submission() {}

    /** The save could not be made as asked: the record changed meanwhile, or it would duplicate another. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code save}, turning a stale version into {@link Refused} that names who changed record
     * {@code kind}/{@code id}, the version now and what changed since the version read.
     */
    public static <T> T saving(Store store, RecordKind<?> kind, String id, Supplier<T> save) {
        try {
            return save.get();
        } catch (ConcurrentEditException e) {
            var changed = Changes.since(store.audit(), kind.name(), id, e.expectedVersion());
            throw new Refused(e.getMessage()
                    + (changed.isEmpty() ? "" : ". Changed since you read it: " + String.join(", ", changed))
                    + ".");
        } catch (PatientRegistry.DuplicatePatientException e) {
            throw new Refused("Not saved: " + e.getMessage() + ".");
        }
    }

    /** Shows {@code page} (a form as first opened). */
    public static void show(Views views, Context ctx, FormPage page) {
        views.render(ctx, "form.jte", page.heading(), page);
    }

    /** Who makes the change: the signed-in user's name, which the audit trail records. */
    public static String actor(Context ctx) {
        return org.netra.app.web.security.RequestSecurity.user(ctx)
                .orElseThrow()
                .username();
    }

    /** A page's form post: redirects where {@code save} says on success, else shows {@code page} again. */
    public static void page(Context ctx, Views views, FormPage page, Function<Form, String> save) {
        Form form = Form.of(ctx);
        try {
            String next = save.apply(form);
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } catch (InvalidInputException e) {
            ctx.status(400);
            show(views, ctx, page.failed(form.values(), e.fields(), ""));
        } catch (Refused e) {
            ctx.status(409);
            show(views, ctx, page.failed(form.values(), Map.of(), e.getMessage()));
        }
    }

    /** An API call: {@code save}'s result as JSON with {@code status}; a refused save is a 409 with why. */
    public static void api(Context ctx, int status, Function<Form, Object> save) {
        Form form = Form.of(ctx);
        try {
            ctx.status(status).json(save.apply(form));
        } catch (Refused e) {
            var body = new java.util.LinkedHashMap<String, Object>();
            body.put("status", 409);
            body.put("error", e.getMessage());
            ctx.status(409).json(body);
        }
    }
}
