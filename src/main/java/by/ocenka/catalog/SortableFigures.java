package by.ocenka.catalog;

/**
 * One organisation's figures as the catalogue sorts and maps by them (copies the rating feature's reconciler keeps).
 *
 * @param rankScore the Bayesian ranking score; null while unrated
 */
public record SortableFigures(long organizationId, long ratingsCount, Double score, Double rankScore) {
}
