package by.ocenka.platform;

/**
 * Published when something already in the open data files must leave them before the next night (a comment hidden by
 * a moderator): the files are written again at once.
 */
public record OpenDataChanged() {
}
