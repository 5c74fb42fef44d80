package by.ocenka.moderation.internal;

import java.util.Locale;

import by.ocenka.account.AccountService;
import by.ocenka.platform.MailOutbox;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tells whoever asked what a moderator decided: a mail in the outbox, queued in the decision's transaction. */
@Component
public class DecisionMail {

    private final AccountService accounts;
    private final MailOutbox mail;
    private final MessageSource messages;

    DecisionMail(AccountService accounts, MailOutbox mail, MessageSource messages) {
        this.accounts = accounts;
        this.mail = mail;
        this.messages = messages;
    }

    /** The text {@code key} with the person's name as {0} and {@code args} after it; none to a deleted account. */
    public Mono<Void> tell(long userId, Locale locale, String subjectKey, String key, Object... args) {
        return accounts.user(userId)
                .filter(person -> !person.email().endsWith("@invalid")) // a deleted account keeps no address
                .flatMap(person -> {
                    Object[] all = new Object[args.length + 1];
                    all[0] = person.displayName();
                    System.arraycopy(args, 0, all, 1, args.length);
                    return mail.queue(person.email(), messages.getMessage(subjectKey, null, locale),
                            messages.getMessage(key, all, locale));
                })
                .then();
    }
}
