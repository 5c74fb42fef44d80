package by.ocenka.rating.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import by.ocenka.catalog.Organizations;
import by.ocenka.platform.DemoDataSet;
import by.ocenka.platform.Minsk;
import by.ocenka.rating.internal.PosterSourceRepository;
import by.ocenka.rating.internal.PosterSourceRepository.Added;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Posters of the Borisov district's organisations over the last six months: the reception desk, a window and the
 * website, each opened some dozens of times a month, the desk's code most, and between a fifth and a half of those
 * who opened the form rating. The cabinet's "where the ratings come from" then has something to show.
 */
@Component
class PosterSourceDemoData implements DemoDataSet {

    private static final String BODY = "Борисовский районный исполнительный комитет";
    private static final String[] SOURCES = {"registratura", "okno-1", "sait"};

    private final PosterSourceRepository posters;
    private final Organizations organizations;
    private final Clock clock;

    PosterSourceDemoData(PosterSourceRepository posters, Organizations organizations, Clock clock) {
        this.posters = posters;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "poster sources";
    }

    @Override
    public int order() {
        return 265; // after the catalogue and the questionnaires
    }

    @Override
    public Mono<Boolean> isLoaded() {
        return posters.any();
    }

    @Override
    public Mono<Void> load() {
        LocalDate thisMonth = Minsk.today(clock).withDayOfMonth(1);
        return organizations.idsByName(List.of(BODY))
                .flatMap(ids -> ids.containsKey(BODY) ? organizations.subtree(ids.get(BODY), 40) : Mono.just(List.<Long>of()))
                .flatMap(units -> {
                    List<Added> rows = new ArrayList<>();
                    for (long unit : units) {
                        for (int back = 0; back < 6; back++) {
                            for (int s = 0; s < SOURCES.length; s++) {
                                long seed = unit * 31 + back * 7 + s;
                                long opened = (3 - s) * 20 + seed % 40;
                                long rated = opened * (20 + seed % 30) / 100;
                                rows.add(new Added(unit, thisMonth.minusMonths(back), SOURCES[s], opened, rated));
                            }
                        }
                    }
                    return posters.add(rows);
                });
    }
}
