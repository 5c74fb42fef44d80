package by.ocenka.catalog.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo catalogue's postal codes, written before the address as Belarus writes them ("222120, г. Борисов, …"),
 * so that a search for "почта 220" finds Minsk's post offices. Each region has its real ranges (Minsk 220xxx, the
 * Minsk region 222xxx–223xxx, Brest 224–225, Vitebsk 210–211, Gomel 246–247, Grodno 230–231, Mogilev 212–213), shared
 * out among its districts in order; a village has its own code next to its district centre's. In Minsk the post
 * office "Минск-N" is 220000 + N, as it really is, and the other organisations take one of those.
 */
final class PostalCodes {

    private static final Map<String, int[]> RANGES = Map.of("MINSK", new int[] {220}, "MINSK_REGION", new int[] {222, 223},
            "BREST", new int[] {224, 225}, "VITEBSK", new int[] {210, 211}, "GOMEL", new int[] {246, 247},
            "GRODNO", new int[] {230, 231}, "MOGILEV", new int[] {212, 213});
    /** Real codes where the demo's formula would give another (the example). */
    private static final Map<String, Integer> REAL = Map.of("Борисов", 222120);
    /** How many post offices Minsk's codes run to (Минск-1 … Минск-141). */
    private static final int MINSK_OFFICES = 141;

    private final Map<Integer, Integer> towns = new HashMap<>();

    PostalCodes(List<CatalogGenerator.District> districts) {
        Map<String, List<CatalogGenerator.District>> byRegion = new LinkedHashMap<>();
        districts.forEach(d -> byRegion.computeIfAbsent(d.regionCode(), k -> new ArrayList<>()).add(d));
        byRegion.forEach((region, list) -> {
            int[] prefixes = RANGES.getOrDefault(region, new int[] {220});
            int perPrefix = (list.size() + prefixes.length - 1) / prefixes.length;
            int step = Math.max(10, 980 / Math.max(1, perPrefix) / 10 * 10);
            for (int i = 0; i < list.size(); i++) {
                CatalogGenerator.District d = list.get(i);
                int code = prefixes[i / perPrefix] * 1000 + 10 + (i % perPrefix) * step;
                towns.put(d.id(), REAL.getOrDefault(d.center(), code));
            }
        });
    }

    /** The post office "Минск-N". */
    static int minskOffice(int number) {
        return 220_000 + number;
    }

    /** The code of an organisation with this id in a place of the district ("г. Борисов", "аг. Заречье", "Минск"). */
    int of(CatalogGenerator.District d, String place, long id) {
        if (d.regionCode().equals("MINSK")) {
            return minskOffice(1 + (int) (id % MINSK_OFFICES));
        }
        int town = towns.get(d.id());
        boolean village = place.startsWith("аг. ") || place.startsWith("д. ");
        return village ? town + 1 + Math.floorMod(place.hashCode(), 9) : town;
    }
}
