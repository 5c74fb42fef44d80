package by.ocenka.platform;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One page of a listing, as every paged endpoint answers it. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /**
     * The page of rows that each carry the total of all matches (SQL's {@code count(*) OVER ()}), so that items and
     * total come in one round trip; no rows, a total of 0.
     */
    public static <T> Mono<Page<T>> counted(Flux<Map.Entry<T, Long>> rows, PageRequest request) {
        return rows.collectList().map(list -> new Page<>(list.stream().map(Map.Entry::getKey).toList(), request.page(),
                request.size(), list.isEmpty() ? 0 : list.get(0).getValue()));
    }
}
