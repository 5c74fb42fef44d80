package by.ocenka.platform;

import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;

/**
 * One of the portal's open data sets (published nightly as CSV and JSON under CC BY 4.0, see
 * {@link OpenDataDumps}). The module that owns the data implements it; it must hold no personal
 * data: no user ids, no names, no addresses of people, dates to the day, free texts only where they are published.
 */
public interface OpenDataSet {

    /** The file name without extension, such as {@code organizations}. */
    String name();

    /** The columns, in order, each described for the data dictionary. */
    List<Column> columns();

    /** The rows, each a value per column (null for none), in a stable order. */
    Flux<List<Object>> rows();

    /** A set whose rows a query gives (asked afresh for every dump). */
    static OpenDataSet of(String name, List<Column> columns, Supplier<Flux<List<Object>>> rows) {
        return new OpenDataSet() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Column> columns() {
                return columns;
            }

            @Override
            public Flux<List<Object>> rows() {
                return Flux.defer(rows);
            }
        };
    }

    /**
     * @param name        the column's name in the files
     * @param type        {@code integer}, {@code number}, {@code text}, {@code date} or {@code json}
     * @param description the message key of its description in the dictionary
     */
    record Column(String name, String type, String description) {
    }
}
