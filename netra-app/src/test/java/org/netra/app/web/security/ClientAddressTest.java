package org.netra.app.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.5", "::1"));

    @Test
    void theForwardedClientOnlyWhenTheProxyIsTrusted() {
        assertThat(behindProxy.of("10.0.0.5", "198.51.100.7")).isEqualTo("198.51.100.7");
        // a client's own X-Forwarded-For is ignored when it talks to netra directly
        assertThat(behindProxy.of("203.0.113.9", "198.51.100.7")).isEqualTo("203.0.113.9");
        assertThat(new ClientAddress(List.of()).of("10.0.0.5", "198.51.100.7")).isEqualTo("10.0.0.5");
    }

    @Test
    void theRightMostUntrustedHopCountsNotWhatTheClientWrote() {
        // the attacker writes a fake first hop; the proxy appends the address it saw
        assertThat(behindProxy.of("10.0.0.5", "192.0.2.1, 203.0.113.9")).isEqualTo("203.0.113.9");
        // two trusted proxies in a row
        assertThat(behindProxy.of("0:0:0:0:0:0:0:1", "198.51.100.7, 10.0.0.5")).isEqualTo("198.51.100.7");
        // garbage from the chain: the peer it came through
        assertThat(behindProxy.of("10.0.0.5", "evil.example, ")).isEqualTo("10.0.0.5");
        assertThat(behindProxy.of("10.0.0.5", "not an address")).isEqualTo("10.0.0.5");
    }
}
