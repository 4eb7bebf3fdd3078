package org.netra.app.web;

import java.time.Clock;
import org.netra.app.web.security.Accounts;
import org.netra.app.web.security.ClientAddress;
import org.netra.app.web.security.LoginThrottle;
import org.netra.app.web.security.RequestSecurity;
import org.netra.app.web.security.SessionStore;
import org.netra.store.Store;

/**
 * What every feature may use: the store, the accounts and the request's security. It lives beside the
 * page infrastructure, below the features, so that a feature never reaches up into the server that
 * composes them (the server in {@code web.server} depends on the features, never the other way round).
 */
public record WebServices(
        Store store,
        Accounts accounts,
        LoginThrottle throttle,
        RequestSecurity security,
        SessionStore sessions,
        Clock clock,
        ClientAddress clientAddress) {}
