package by.ocenka.account.internal;

import java.util.Set;

import by.ocenka.account.CurrentUser;
import by.ocenka.account.Role;
import by.ocenka.web.SignedInVisitors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Who is signed in, for the page cache; its stand-in is a confirmed citizen of no account, holding no role's rights. */
@Component
class AccountVisitors implements SignedInVisitors {

    @Override
    public Mono<Visitor> of(ServerWebExchange exchange) {
        return CurrentUser.of(exchange).map(user -> new Visitor(user.id(), user.displayName(), user.emailConfirmed()));
    }

    @Override
    public Authentication standIn(String displayName) {
        CurrentUser standIn = new CurrentUser(-1, "stand-in@ocenka.invalid", displayName, Set.of(Role.CITIZEN), true,
                Set.of(), Set.of());
        return UsernamePasswordAuthenticationToken.authenticated(standIn, null, standIn.authorities());
    }
}
