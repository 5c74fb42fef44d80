package by.ocenka.platform;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/** A feature's addition to the portal's security chain (e.g. social login), applied by the security configuration. */
public interface SecurityCustomizer {

    void customize(ServerHttpSecurity http);
}
