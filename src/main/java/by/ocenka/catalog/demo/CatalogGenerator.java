package by.ocenka.catalog.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import by.ocenka.catalog.Unp;

/**
 * Generates the demo catalogue deterministically (a fixed seed): the republican bodies, each oblast's executive
 * committee and departments, and in every district its executive committee and the organisations a citizen
 * meets there (schools, clinics, post offices, one-window desks, police, tax, housing, banks, shops...), with
 * structural units below them. Names follow the real kinds; addresses and coordinates lie around the district's
 * centre.
 */
public final class CatalogGenerator {

    /** A district of the reference data. */
    public record District(int id, int regionId, String regionCode, String name, String center, double lat, double lon) {
    }

    /** One generated organisation; ids are assigned here so that parents precede children. */
    public record Row(long id, String name, String shortName, String unp, int sphereId, int categoryId, int regionId,
                      Integer districtId, String address, double lat, double lon, String phone, String hours,
                      Long parentId) {
    }

    private static final String[] STREETS = {"Ленина", "Советская", "Первомайская", "Гагарина", "Кирова", "Пушкина",
            "Мира", "Молодёжная", "Октябрьская", "Садовая", "Комсомольская", "Победы", "Интернациональная",
            "Школьная", "Горького", "Якуба Коласа", "Янки Купалы", "Максима Богдановича", "Чкалова", "Строителей",
            "Лесная", "Заводская", "Пролетарская", "Калинина", "Дзержинского", "Железнодорожная", "Набережная"};
    private static final String[] VILLAGES = {"Новосёлки", "Заречье", "Дубровка", "Малиновка", "Старое Село",
            "Красная Горка", "Боровое", "Ольшаны", "Берёзовка", "Липники", "Погост", "Слобода", "Каменка",
            "Городище", "Озёрное", "Рудня", "Хатежино", "Лозовка", "Загорье", "Подлесье", "Михалово", "Лучники"};
    private static final Map<String, String> PHONE_CODES = Map.of("BREST", "162", "VITEBSK", "212", "GOMEL", "232",
            "GRODNO", "152", "MINSK_REGION", "17", "MOGILEV", "222", "MINSK", "17");
    private static final Map<String, Integer> UNP_PREFIX = Map.of("MINSK", 1, "BREST", 2, "VITEBSK", 3, "GOMEL", 4,
            "GRODNO", 5, "MINSK_REGION", 6, "MOGILEV", 7);
    private static final String OFFICE_HOURS = "пн–пт 8:00–17:00, обед 13:00–14:00";

    private final Random random;
    private final Map<String, Integer> categoryIds;
    private final Map<String, Integer> sphereOfCategory;
    private final List<Row> rows = new ArrayList<>();
    private final Map<Integer, Integer> unpSequence = new HashMap<>();
    private final Map<String, Integer> numbering = new HashMap<>();
    private final DistrictTable districtTable;
    private PostalCodes postalCodes;

    /**
     * @param categoryIds      category code → id, from the reference data
     * @param sphereOfCategory category code → its sphere's id
     * @param districtTable    what the demo makes in every district
     */
    public CatalogGenerator(long seed, Map<String, Integer> categoryIds, Map<String, Integer> sphereOfCategory,
                            DistrictTable districtTable) {
        this.random = new Random(seed);
        this.districtTable = districtTable;
        this.categoryIds = categoryIds;
        this.sphereOfCategory = sphereOfCategory;
    }

    /** The whole catalogue, or the part in the regions {@code regionFilter} accepts (tests load a slice). */
    public List<Row> generate(List<District> districts, Predicate<String> regionFilter) {
        postalCodes = new PostalCodes(districts);
        District capital = districts.stream().filter(d -> d.regionCode().equals("MINSK")
                && d.name().startsWith("Центральный")).findFirst().orElseThrow();
        Map<String, Long> national = nationalBodies(capital);
        Map<String, List<District>> byRegion = new LinkedHashMap<>();
        districts.forEach(d -> byRegion.computeIfAbsent(d.regionCode(), k -> new ArrayList<>()).add(d));
        byRegion.forEach((regionCode, regionDistricts) -> {
            if (regionFilter.test(regionCode)) {
                region(regionCode, regionDistricts, national);
            }
        });
        return List.copyOf(rows);
    }

    private Map<String, Long> nationalBodies(District capital) {
        Map<String, Long> ids = new HashMap<>();
        Object[][] bodies = {
                {"MZ", "Министерство здравоохранения Республики Беларусь", "Минздрав", "HEALTH_AUTHORITY"},
                {"MO", "Министерство образования Республики Беларусь", "Минобразования", "EDUCATION_AUTHORITY"},
                {"MVD", "Министерство внутренних дел Республики Беларусь", "МВД", "POLICE_AUTHORITY"},
                {"MINJUST", "Министерство юстиции Республики Беларусь", "Минюст", "JUSTICE_AUTHORITY"},
                {"MNS", "Министерство по налогам и сборам Республики Беларусь", "МНС", "MINISTRY"},
                {"MINTRUD", "Министерство труда и социальной защиты Республики Беларусь", "Минтруда", "MINISTRY"},
                {"MINKULT", "Министерство культуры Республики Беларусь", "Минкультуры", "CULTURE_AUTHORITY"},
                {"MINTRANS", "Министерство транспорта и коммуникаций Республики Беларусь", "Минтранс", "TRANSPORT_AUTHORITY"},
                {"MCHS", "Министерство по чрезвычайным ситуациям Республики Беларусь", "МЧС", "MINISTRY"},
                {"MINSELHOZ", "Министерство сельского хозяйства и продовольствия Республики Беларусь", "Минсельхозпрод", "AGRI_AUTHORITY"},
                {"MINPRIRODY", "Министерство природных ресурсов и охраны окружающей среды Республики Беларусь", "Минприроды", "MINISTRY"},
                {"MINLESHOZ", "Министерство лесного хозяйства Республики Беларусь", "Минлесхоз", "MINISTRY"},
                {"MINSPORT", "Министерство спорта и туризма Республики Беларусь", "Минспорт", "MINISTRY"},
                {"FSZN", "Фонд социальной защиты населения Министерства труда и социальной защиты", "ФСЗН", "FSZN_OFFICE"},
                {"GTK", "Государственный таможенный комитет Республики Беларусь", "ГТК", "CUSTOMS_OFFICE"},
                {"GKI", "Государственный комитет по имуществу Республики Беларусь", "Госкомимущество", "PROPERTY_REGISTRY"},
                {"COURT", "Верховный Суд Республики Беларусь", "Верховный Суд", "COURT"},
                {"ARCHIVES", "Департамент по архивам и делопроизводству Министерства юстиции", "Департамент по архивам", "ARCHIVE"},
                {"BELPOCHTA", "Республиканское унитарное предприятие почтовой связи «Белпочта»", "РУП «Белпочта»", "POST_HUB"},
                {"BELTELECOM", "Республиканское унитарное предприятие электросвязи «Белтелеком»", "РУП «Белтелеком»", "TELECOM"},
                {"BELARUSBANK", "ОАО «Сберегательный банк «Беларусбанк»", "Беларусбанк", "BANK_DIRECTORATE"},
                {"BAPB", "ОАО «Белагропромбанк»", "Белагропромбанк", "BANK_DIRECTORATE"},
                {"BCH", "Государственное объединение «Белорусская железная дорога»", "БЖД", "RAILWAY"},
                {"BELKOOP", "Белорусский республиканский союз потребительских обществ", "Белкоопсоюз", "COOP"},
                {"BELENERGO", "ГПО «Белэнерго»", "Белэнерго", "ENERGY_SALES"},
                {"BELTOPGAZ", "ГПО «Белтопгаз»", "Белтопгаз", "GAS_SERVICE"},
                {"BELGOSSTRAKH", "Белорусское республиканское унитарное страховое предприятие «Белгосстрах»", "Белгосстрах", "INSURANCE_OFFICE"},
                {"NOTARY", "Белорусская нотариальная палата", "Нотариальная палата", "NOTARY_OFFICE"},
                {"FARMACIA", "Республиканское унитарное предприятие «Белфармация»", "Белфармация", "PHARMACY"},
                {"VET", "Департамент ветеринарного и продовольственного надзора", "Департамент ветнадзора", "VET_STATION"},
        };
        for (Object[] body : bodies) {
            ids.put((String) body[0], add((String) body[1], (String) body[2], (String) body[3], capital, "Минск",
                    null, true, 0.03, OFFICE_HOURS));
        }
        ids.put("BSU", add("Белорусский государственный университет", "БГУ", "UNIVERSITY", capital, "Минск",
                ids.get("MO"), true, 0.03, "пн–пт 8:30–17:30"));
        ids.put("BNTU", add("Белорусский национальный технический университет", "БНТУ", "UNIVERSITY", capital, "Минск",
                ids.get("MO"), true, 0.03, "пн–пт 8:30–17:30"));
        return ids;
    }

    private void region(String regionCode, List<District> districts, Map<String, Long> national) {
        boolean city = regionCode.equals("MINSK");
        District seat = districts.stream().filter(d -> city ? d.name().startsWith("Центральный")
                : d.center().equals(RegionNames.regionCenter(regionCode))).findFirst().orElse(districts.get(0));
        String town = seat.center();
        String obl = city ? "Минского городского" : RegionNames.oblastAdjective(regionCode, "ого") + " областного";
        long committee = add(city ? "Минский городской исполнительный комитет"
                        : RegionNames.oblastAdjective(regionCode, "ий") + " областной исполнительный комитет",
                city ? "Мингорисполком" : RegionNames.oblastAdjective(regionCode, "ий") + " облисполком",
                "EXECUTIVE_COMMITTEE", seat, town, null, true, 0.02, OFFICE_HOURS);
        Map<String, Long> o = new HashMap<>();
        o.put("HEALTH", add("Главное управление по здравоохранению " + obl + " исполнительного комитета", null,
                "HEALTH_AUTHORITY", seat, town, committee, true, 0.02, OFFICE_HOURS));
        o.put("EDUCATION", add("Главное управление по образованию " + obl + " исполнительного комитета", null,
                "EDUCATION_AUTHORITY", seat, town, committee, true, 0.02, OFFICE_HOURS));
        o.put("CULTURE", add("Главное управление культуры " + obl + " исполнительного комитета", null,
                "CULTURE_AUTHORITY", seat, town, committee, true, 0.02, OFFICE_HOURS));
        o.put("AGRI", add("Комитет по сельскому хозяйству и продовольствию " + obl + " исполнительного комитета", null,
                "AGRI_AUTHORITY", seat, town, committee, true, 0.02, OFFICE_HOURS));
        String of = city ? "г. Минску" : RegionNames.oblastAdjective(regionCode, "ой") + " области";
        o.put("MVD", add((city ? "Главное управление внутренних дел Мингорисполкома"
                : "Управление внутренних дел " + obl + " исполнительного комитета"), null, "POLICE_AUTHORITY", seat, town,
                national.get("MVD"), true, 0.02, OFFICE_HOURS));
        o.put("MNS", add("Инспекция Министерства по налогам и сборам по " + of, null, "TAX_INSPECTION", seat, town,
                national.get("MNS"), true, 0.02, OFFICE_HOURS));
        o.put("FSZN", add("Управление Фонда социальной защиты населения по " + of, null, "FSZN_OFFICE", seat, town,
                national.get("FSZN"), true, 0.02, OFFICE_HOURS));
        o.put("JUSTICE", add("Главное управление юстиции " + obl + " исполнительного комитета", null,
                "JUSTICE_AUTHORITY", seat, town, national.get("MINJUST"), true, 0.02, OFFICE_HOURS));
        o.put("POST", add("Филиал РУП «Белпочта» по " + of, null, "POST_HUB", seat, town, national.get("BELPOCHTA"),
                true, 0.02, OFFICE_HOURS));
        o.put("TELECOM", add("Филиал РУП «Белтелеком» по " + of, null, "TELECOM", seat, town, national.get("BELTELECOM"),
                true, 0.02, OFFICE_HOURS));
        o.put("BANK", add("Областная дирекция ОАО «АСБ Беларусбанк» по " + of, null, "BANK_DIRECTORATE", seat, town,
                national.get("BELARUSBANK"), true, 0.02, OFFICE_HOURS));
        o.put("BAPB", add("Областная дирекция ОАО «Белагропромбанк» по " + of, null, "BANK_DIRECTORATE", seat, town,
                national.get("BAPB"), true, 0.02, OFFICE_HOURS));
        o.put("RAIL", add("Отделение Белорусской железной дороги (" + town + ")", null, "RAILWAY", seat, town,
                national.get("BCH"), true, 0.02, "круглосуточно"));
        o.put("COOP", add(city ? "Минский городской союз потребительских обществ"
                        : RegionNames.oblastAdjective(regionCode, "ий") + " областной союз потребительских обществ", null, "COOP",
                seat, town, national.get("BELKOOP"), true, 0.02, OFFICE_HOURS));
        o.put("ENERGY", add("Филиал «Энергосбыт» РУП «" + RegionNames.energyName(regionCode) + "»", null, "ENERGY_SALES", seat, town,
                national.get("BELENERGO"), true, 0.02, OFFICE_HOURS));
        o.put("GAS", add("ПРУП «" + RegionNames.gasName(regionCode) + "»", null, "GAS_SERVICE", seat, town,
                national.get("BELTOPGAZ"), true, 0.02, OFFICE_HOURS));
        o.put("MCHS", add((city ? "Минское городское" : RegionNames.oblastAdjective(regionCode, "ое") + " областное")
                + " управление МЧС", null, "FIRE_DEPT", seat, town, national.get("MCHS"), true, 0.02, "круглосуточно"));
        o.put("COURT", add((city ? "Минский городской суд" : RegionNames.oblastAdjective(regionCode, "ий") + " областной суд"), null,
                "COURT", seat, town, national.get("COURT"), true, 0.02, OFFICE_HOURS));
        o.put("PROPERTY", add("РУП «" + (city ? "Минское городское" : RegionNames.oblastAdjective(regionCode, "ое"))
                        + " агентство по государственной регистрации и земельному кадастру»", null, "PROPERTY_REGISTRY",
                seat, town, national.get("GKI"), true, 0.02, OFFICE_HOURS));
        o.put("ENV", add((city ? "Минский городской" : RegionNames.oblastAdjective(regionCode, "ий") + " областной")
                        + " комитет природных ресурсов и охраны окружающей среды", null, "ENVIRONMENT_INSPECTION", seat, town,
                national.get("MINPRIRODY"), true, 0.02, OFFICE_HOURS));
        o.put("VET", add((city ? "Минская городская" : RegionNames.oblastAdjective(regionCode, "ая") + " областная")
                + " ветеринарная станция", null, "VET_STATION", seat, town, national.get("VET"), true, 0.02, OFFICE_HOURS));
        o.put("INSURANCE", add("Филиал Белгосстраха по " + of, null, "INSURANCE_OFFICE", seat, town,
                national.get("BELGOSSTRAKH"), true, 0.02, OFFICE_HOURS));
        o.put("TRANSPORT", add("ОАО «" + RegionNames.transportName(regionCode) + "»", null, "BUS", seat, town,
                national.get("MINTRANS"), true, 0.02, "ежедневно 5:30–23:00"));
        o.put("CUSTOMS", add((city ? "Минская центральная" : RegionNames.oblastAdjective(regionCode, "ая")) + " таможня", null,
                "CUSTOMS_OFFICE", seat, town, national.get("GTK"), true, 0.02, OFFICE_HOURS));
        o.put("ARCHIVE", add("Государственный архив " + (city ? "г. Минска" : RegionNames.oblastAdjective(regionCode, "ой") + " области"),
                null, "ARCHIVE", seat, town, national.get("ARCHIVES"), true, 0.02, OFFICE_HOURS));
        o.put("PHARMACY", add("ТУП «Фармация» (" + town + ")", null, "PHARMACY", seat, town, national.get("FARMACIA"),
                true, 0.02, OFFICE_HOURS));
        o.put("FOREST", add("ГПЛХО (" + town + ")", null, "FORESTRY", seat, town, national.get("MINLESHOZ"), true, 0.02,
                OFFICE_HOURS));
        if (!city) {
            add(RegionNames.oblastAdjective(regionCode, "ий") + " государственный университет", null, "UNIVERSITY", seat, town,
                    national.get("MO"), true, 0.02, "пн–пт 8:30–17:30");
        }
        for (District district : districts) {
            district(district, city, committee, o);
        }
    }

    /** The organisations of a district, line by line of {@link DistrictTable}. */
    private void district(District d, boolean city, long oblastCommittee, Map<String, Long> regionBodies) {
        Map<String, Long> made = new HashMap<>();
        Map<String, Object> values = new HashMap<>();
        String adjective = d.name().replace(" район", "");
        values.put("city", city);
        values.put("adj", adjective);
        values.put("town", d.center());
        values.put("district", d.id());
        values.put("region", d.regionId());
        List<DistrictTable.Line> lines = districtTable.lines();
        for (int i = 0; i < lines.size(); i++) {
            int next = i + 1;
            while (next < lines.size() && lines.get(next).withLineAbove()) {
                next++;
            }
            List<DistrictTable.Line> group = lines.subList(i, next);
            DistrictTable.Line line = lines.get(i);
            i = next - 1;
            if (!line.madeIn(city)) {
                continue;
            }
            String count = line.countIn(city);
            int dash = count.indexOf('-');
            if (dash > 0) {
                int min = Integer.parseInt(count.substring(0, dash));
                int max = Integer.parseInt(count.substring(dash + 1));
                // The bound is drawn again before each one: the demo catalogue was first generated so.
                for (int n = 0; n < between(min, max); n++) {
                    group.forEach(member -> make(member, d, city, oblastCommittee, regionBodies, made, values));
                }
            } else if (chance(count)) {
                group.forEach(member -> make(member, d, city, oblastCommittee, regionBodies, made, values));
            }
        }
    }

    /** {@code 1}, {@code coin}, or {@code K:N}: K chances in N (one: the first draw of N; more: the last K). */
    private boolean chance(String count) {
        if (count.equals("1")) {
            return true;
        }
        if (count.equals("coin")) {
            return random.nextBoolean();
        }
        int colon = count.indexOf(':');
        int chances = Integer.parseInt(count.substring(0, colon));
        int of = Integer.parseInt(count.substring(colon + 1));
        int drawn = random.nextInt(of);
        return chances == 1 ? drawn == 0 : drawn >= of - chances;
    }

    private void make(DistrictTable.Line line, District d, boolean city, long oblastCommittee,
                      Map<String, Long> regionBodies, Map<String, Long> made, Map<String, Object> values) {
        Integer postalCode = null;
        for (DistrictTable.Draw draw : line.draws()) {
            Object value = switch (draw.kind()) {
                case "village" -> village();
                case "place" -> place(d.center(), city);
                case "coin" -> random.nextBoolean();
                case "one-in" -> random.nextInt(Integer.parseInt(draw.argument())) == 0;
                case "pick" -> {
                    String[] choices = draw.argument().split(",");
                    yield choices[random.nextInt(choices.length)];
                }
                case "no" -> next(districtTable.fill(draw.argument(), values));
                case "bare" -> values.get(draw.argument()).toString().replace("аг. ", "").replace("д. ", "");
                case "minsk-office" -> PostalCodes.minskOffice((Integer) values.get(draw.argument()));
                default -> throw new IllegalStateException("demo-district.tsv: no draw " + draw.kind());
            };
            if (draw.name().equals("postal")) {
                postalCode = (Integer) value;
            } else {
                values.put(draw.name(), value);
            }
        }
        Long parent = line.parent().equals("oblast") ? Long.valueOf(oblastCommittee)
                : made.containsKey(line.parent()) ? made.get(line.parent()) : regionBodies.get(line.parent());
        if (parent == null) {
            throw new IllegalStateException("demo-district.tsv: no parent " + line.parent());
        }
        String name = districtTable.fill(line.name(), values);
        String shortName = line.shortName().equals("-") ? null : districtTable.fill(line.shortName(), values);
        String place = districtTable.fill(line.place(), values);
        double spread = line.spread().equals("spread") ? (city ? 0.025 : 0.12) : Double.parseDouble(line.spread());
        String hours = line.hours().equals("office") ? OFFICE_HOURS : line.hours();
        long id = postalCode == null
                ? add(name, shortName, line.category(), d, place, parent, line.legalEntity(), spread, hours)
                : add(name, shortName, line.category(), d, place, parent, line.legalEntity(), spread, hours, postalCode);
        if (!line.key().equals("-")) {
            made.put(line.key(), id);
        }
    }

    private long add(String name, String shortName, String categoryCode, District d, String place, Long parentId,
                     boolean legalEntity, double spread, String hours) {
        return add(name, shortName, categoryCode, d, place, parentId, legalEntity, spread, hours,
                postalCodes.of(d, place, rows.size() + 1L));
    }

    private long add(String name, String shortName, String categoryCode, District d, String place, Long parentId,
                     boolean legalEntity, double spread, String hours, int postalCode) {
        Integer categoryId = categoryIds.get(categoryCode);
        if (categoryId == null) {
            throw new IllegalStateException("No category " + categoryCode);
        }
        long id = rows.size() + 1L;
        double lat = d.lat() + (random.nextDouble() - 0.5) * spread;
        double lon = d.lon() + (random.nextDouble() - 0.5) * spread * 1.6;
        String address = postalCode + ", " + (place.startsWith("аг. ") || place.startsWith("д. ")
                ? d.name() + ", " + place + ", ул. " + street() + ", " + (1 + random.nextInt(40))
                : (place.equals("Минск") ? "г. Минск" : place.contains(" ") ? place : "г. " + place)
                + ", ул. " + street() + ", " + (1 + random.nextInt(120)));
        String code = PHONE_CODES.get(d.regionCode());
        String phone = "+375 " + code + " " + (code.length() == 2 ? 200 + random.nextInt(700) + "-" : (10 + random.nextInt(80)) + "-")
                + String.format("%02d-%02d", random.nextInt(100), random.nextInt(100));
        rows.add(new Row(id, name, shortName, legalEntity ? unp(d.regionCode()) : null, sphereOfCategory.get(categoryCode),
                categoryId, d.regionId(), d.id(), address, round(lat), round(lon), phone, hours, parentId));
        return id;
    }

    private String unp(String regionCode) {
        int prefix = UNP_PREFIX.get(regionCode);
        while (true) {
            int sequence = unpSequence.merge(prefix, 1, Integer::sum);
            String firstEight = prefix + String.format("%07d", 1_000_000 + sequence * 7);
            int check = Unp.checkDigit(firstEight);
            if (check < 10) {
                return firstEight + check;
            }
        }
    }

    private int next(String counter) {
        return numbering.merge(counter, 1, Integer::sum);
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private String street() {
        return STREETS[random.nextInt(STREETS.length)];
    }

    private String village() {
        return VILLAGES[random.nextInt(VILLAGES.length)];
    }

    private String place(String town, boolean city) {
        return city || random.nextInt(3) > 0 ? town : "аг. " + village();
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000) / 1_000_000.0;
    }

    /** The adjective in another case or gender: "Пинский" → "Пинского" ("ого"), "Пинская" ("ая"), "Пинскому"... */
    static String adjective(String masculine, String ending) {
        String stem = masculine.substring(0, masculine.length() - 2);
        boolean soft = masculine.endsWith("ий") && (stem.endsWith("к") || stem.endsWith("г") || stem.endsWith("х"));
        if (masculine.endsWith("ой") && ending.equals("ий")) {
            return masculine;
        }
        if (!soft && masculine.endsWith("ий") && ending.equals("ая")) {
            return stem + "яя";
        }
        return stem + ending;
    }
}
