package by.ocenka.platform;

/**
 * An in-memory cache of database data kept by one instance for a short while (criteria, placements, broad search
 * pages). Tests clear them all between tests; an operator's reload could too.
 */
public interface LocalCache {

    void clear();
}
