package org.netra.app.web;

import org.netra.app.web.server.WebApp;

/**
 * A part of the web app (sign-in, patients, dosimetry, ...): it adds its routes and navigation to the
 * table. The clinical and dosimetry pages plug in as more features, given to {@link WebApp.Builder#feature}.
 */
@FunctionalInterface
public interface WebFeature {
    void register(Routes routes);
}
