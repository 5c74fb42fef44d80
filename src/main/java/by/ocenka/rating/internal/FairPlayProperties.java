package by.ocenka.rating.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When a questionnaire is held for the moderators (docs/FAIRPLAY.md). Each count is of one organisation's ratings within
 * one {@code window}; the questionnaires past it are held, those before it stand.
 *
 * @param enabled     false: nothing is held (for comparing load runs)
 * @param window      the span the counts run over (a fixed window from the first rating it counts)
 * @param network     ratings from one network (/24 of IPv4, /48 of IPv6) past which the next are held
 * @param newAccounts ratings from accounts younger than {@code newAccountAge} past which the next are held
 * @param pattern     all-ones or all-fives questionnaires from such accounts past which the next are held
 * @param newAccountAge how young an account counts as new
 */
@ConfigurationProperties("ocenka.fair-play")
record FairPlayProperties(Boolean enabled, Duration window, Integer network, Integer newAccounts, Integer pattern,
                                 Duration newAccountAge) {

    public FairPlayProperties {
        enabled = enabled == null || enabled;
        window = window == null ? Duration.ofMinutes(10) : window;
        network = network == null ? 10 : network;
        newAccounts = newAccounts == null ? 15 : newAccounts;
        pattern = pattern == null ? 8 : pattern;
        newAccountAge = newAccountAge == null ? Duration.ofDays(1) : newAccountAge;
    }
}
