package by.ocenka.account.pages;

import by.ocenka.account.CurrentUser;
import by.ocenka.web.PageController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The signed-in user of every page, as its layout shows them (name, cabinet and moderation links); none when anonymous. */
@ControllerAdvice(annotations = PageController.class)
class SignedInUserModel {

    @ModelAttribute("user")
    Mono<CurrentUser> user(ServerWebExchange exchange) {
        return CurrentUser.of(exchange);
    }
}
