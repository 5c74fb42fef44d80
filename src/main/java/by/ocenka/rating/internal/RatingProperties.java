package by.ocenka.rating.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param batchSize          at most this many questionnaires go into one multi-row insert
 * @param batchWait          how long the first of a batch waits for others to join it
 * @param batchConcurrency   how many batch inserts may run at once
 * @param satisfiedFrom      a questionnaire counts as satisfied from this mean on
 * @param bayesWeight        C in the score of the order that allows for the number of ratings, (C·m + Σ means) / (C + n)
 * @param minForRank         the official ranking gives a position from so many questionnaires on
 * @param serviceDateWindow  how far back a service date may lie
 * @param reconcileInterval  how often aggregates are written to PostgreSQL (org_rating and the catalogue's sort copies)
 * @param batching           false: one INSERT per questionnaire (for comparing, see docs/PERFORMANCE.md)
 * @param priorMean          m of the ranking score until the first re-rank has measured the country's mean
 * @param jobsEnabled        run the rebuild, re-rank, reconcile and snapshot jobs (off only in tests that run them by hand)
 * @param replyDays          a questionnaire with a comment is due for the organisation's reply within
 *                           so many days
 * @param historySince       the earliest date an imported questionnaire of the old portal may have (its months get
 *                           partitions of their own: a typo of a century must not create a thousand)
 */
@ConfigurationProperties("ocenka.rating")
public record RatingProperties(Integer batchSize, Duration batchWait, Integer batchConcurrency, BigDecimal satisfiedFrom,
                               Integer bayesWeight, Period serviceDateWindow, Duration reconcileInterval,
                               Boolean batching, BigDecimal priorMean, Boolean jobsEnabled, Integer replyDays,
                               Integer minForRank, LocalDate historySince) {

    public RatingProperties {
        batchSize = batchSize == null ? 256 : batchSize;
        batchWait = batchWait == null ? Duration.ofMillis(2) : batchWait;
        batchConcurrency = batchConcurrency == null ? 4 : batchConcurrency;
        satisfiedFrom = satisfiedFrom == null ? new BigDecimal("4") : satisfiedFrom;
        bayesWeight = bayesWeight == null ? 10 : bayesWeight;
        serviceDateWindow = serviceDateWindow == null ? Period.ofYears(1) : serviceDateWindow;
        reconcileInterval = reconcileInterval == null ? Duration.ofMinutes(5) : reconcileInterval;
        batching = batching == null || batching;
        priorMean = priorMean == null ? new BigDecimal("4") : priorMean;
        jobsEnabled = jobsEnabled == null || jobsEnabled;
        replyDays = replyDays == null ? 10 : replyDays;
        minForRank = minForRank == null ? 5 : minForRank;
        historySince = historySince == null ? LocalDate.of(2010, 1, 1) : historySince;
    }
}
