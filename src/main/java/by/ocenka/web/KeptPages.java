package by.ocenka.web;

/**
 * What the features tell the page cache (Spring application events): its kept copies of public pages are out of date.
 * The cache renders them again in the background; readers get the previous copy meanwhile.
 */
public final class KeptPages {

    private KeptPages() {
    }

    /** An organisation's pages show something new (its figures, a review, a reply): on this instance or another. */
    public record Changed(long organizationId) {
    }

    /** Nothing kept may be trusted (organisations added, every figure recomputed). */
    public record AllChanged() {
    }
}
