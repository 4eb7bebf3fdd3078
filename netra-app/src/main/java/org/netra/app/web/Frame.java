package org.netra.app.web;

import java.util.List;
import org.netra.app.web.security.UserAccount;

/**
 * What every page's layout needs: its title, the signed-in user (null on the sign-in page), the links
 * this user may follow, the CSRF token for forms and htmx, and the asset paths.
 */
public record Frame(String title, String path, UserAccount user, List<NavItem> nav, String csrf, Assets assets) {
    /**
     * Paths of the served stylesheet and scripts. WebJars carry their version in the path; netra's own files carry
     * a hash of their content in the query, so a browser that cached them for an hour fetches them again after an
     * upgrade instead of showing new pages with the old stylesheet.
     */
    public record Assets(String htmx, String chart, String stylesheet, String script) {}

    public boolean current(NavItem item) {
        return item.path().equals("/") ? path.equals("/") : path.startsWith(item.path());
    }

    /** The htmx headers attribute: every htmx request carries the CSRF token. */
    public String htmxHeaders() {
        return "{\"X-CSRF-Token\": \"" + csrf + "\"}";
    }
}
