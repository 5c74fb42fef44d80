package by.ocenka.rating.pages;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import by.ocenka.account.AfterSignIn;
import by.ocenka.account.CurrentUser;
import by.ocenka.platform.ClientAddress;
import by.ocenka.platform.Languages;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A citizen who answered the rating form before signing in by a mailed code: once signed in, the answers kept in the
 * session are sent at once and the thanks page follows (no second visit to the form); without kept answers, the form.
 */
@Component
class RatingFormAfterSignIn implements AfterSignIn {

    private static final Pattern RATE_PAGE = Pattern.compile("/o/(\\d{1,18})/rate");

    private final RatingForm form;
    private final MailedDrafts mailed;

    RatingFormAfterSignIn(RatingForm form, MailedDrafts mailed) {
        this.form = form;
        this.mailed = mailed;
    }

    @Override
    public boolean finishes(String next) {
        return RATE_PAGE.matcher(next).matches();
    }

    @Override
    public Mono<Rendering> finish(CurrentUser user, String next, ServerWebExchange exchange) {
        Matcher rate = RATE_PAGE.matcher(next);
        if (!rate.matches()) {
            return Mono.empty();
        }
        long id = Long.parseLong(rate.group(1));
        // The session's answers, else those kept with the code (the mailed link opened in another browser); both taken.
        Mono<Map<String, String>> withTheCode = mailed.take(user.email(), id);
        return RatingDrafts.take(exchange, id).flatMap(draft -> withTheCode.then(Mono.just(draft)))
                .switchIfEmpty(withTheCode)
                .flatMap(draft -> form.submit(user, id, draft, Languages.of(exchange), ClientAddress.of(exchange)));
    }
}
