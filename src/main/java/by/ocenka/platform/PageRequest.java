package by.ocenka.platform;

import java.util.ArrayList;
import java.util.List;

/** A validated {@code ?page=&size=}: page from 0, size 1 to 100 (else 400). */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer page, Integer size) {
        int p = page != null ? page : 0;
        int s = size != null ? size : 20;
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        if (p < 0) {
            problems.add(new ApiException.FieldProblem("page", "Min", "page", 0));
        }
        if (s < 1 || s > MAX_SIZE) {
            problems.add(new ApiException.FieldProblem("size", "Size.range", "size", MAX_SIZE, 1));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
