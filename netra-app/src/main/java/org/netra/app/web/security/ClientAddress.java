package org.netra.app.web.security;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The address a request comes from, for the sign-in throttle and the log. Behind a reverse proxy every
 * request arrives from the proxy, so one attacker's wrong passwords would throttle the whole department;
 * when the peer is one of the configured trusted proxies, the client is the right-most address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy (each proxy appends the address it saw, so
 * only what trusted proxies appended can be believed). Without trusted proxies the header is ignored:
 * anyone can send it.
 */
public final class ClientAddress {
    private static final Pattern LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9a-fA-F:.]{2,45}");

    private final Set<String> trusted;

    /** {@code trustedProxies}: literal IP addresses. */
    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(ClientAddress::canonical).collect(Collectors.toUnmodifiableSet());
    }

    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    String of(String peer, String forwardedFor) {
        String client = canonical(peer);
        if (forwardedFor == null || !trusted.contains(client)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = canonical(hops[i].strip());
            if (hop.isEmpty()) {
                continue;
            }
            if (!LITERAL.matcher(hop).matches()) {
                return client; // a proxy wrote something that is not an address: trust only what we saw
            }
            client = hop;
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** One spelling per address ("::1" and "0:0:0:0:0:0:0:1"); no DNS lookup, literals only. */
    static String canonical(String address) {
        String a = address == null ? "" : address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!LITERAL.matcher(a).matches()) {
            return a;
        }
        try {
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
