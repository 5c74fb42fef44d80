package by.ocenka.catalog;

/** A service or administrative procedure a citizen may pick on an organisation's form, named in the page's language. */
public record OfferedService(long id, String name, boolean procedure) {
}
