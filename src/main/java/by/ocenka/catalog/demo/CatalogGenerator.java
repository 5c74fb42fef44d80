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
    private static final String[] FARMS = {"Рассвет", "Прогресс", "Нива", "Заря", "Колос", "Родина", "Маяк",
            "Дружба", "Авангард", "Победа", "Свитанак", "Агро-Нива", "Жодино-Агро", "Октябрь", "Луч"};
    private static final String[] CAFES = {"Встреча", "Каштан", "Лето", "Уют", "Бульбяная", "Вечерний", "Ласунак"};
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
    private PostalCodes postalCodes;

    /**
     * @param categoryIds      category code → id, from the reference data
     * @param sphereOfCategory category code → its sphere's id
     */
    public CatalogGenerator(long seed, Map<String, Integer> categoryIds, Map<String, Integer> sphereOfCategory) {
        this.random = new Random(seed);
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
                : d.center().equals(regionCenter(regionCode))).findFirst().orElse(districts.get(0));
        String town = seat.center();
        String obl = city ? "Минского городского" : oblastAdjective(regionCode, "ого") + " областного";
        long committee = add(city ? "Минский городской исполнительный комитет"
                        : oblastAdjective(regionCode, "ий") + " областной исполнительный комитет",
                city ? "Мингорисполком" : oblastAdjective(regionCode, "ий") + " облисполком",
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
        String of = city ? "г. Минску" : oblastAdjective(regionCode, "ой") + " области";
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
                        : oblastAdjective(regionCode, "ий") + " областной союз потребительских обществ", null, "COOP",
                seat, town, national.get("BELKOOP"), true, 0.02, OFFICE_HOURS));
        o.put("ENERGY", add("Филиал «Энергосбыт» РУП «" + energyName(regionCode) + "»", null, "ENERGY_SALES", seat, town,
                national.get("BELENERGO"), true, 0.02, OFFICE_HOURS));
        o.put("GAS", add("ПРУП «" + gasName(regionCode) + "»", null, "GAS_SERVICE", seat, town,
                national.get("BELTOPGAZ"), true, 0.02, OFFICE_HOURS));
        o.put("MCHS", add((city ? "Минское городское" : oblastAdjective(regionCode, "ое") + " областное")
                + " управление МЧС", null, "FIRE_DEPT", seat, town, national.get("MCHS"), true, 0.02, "круглосуточно"));
        o.put("COURT", add((city ? "Минский городской суд" : oblastAdjective(regionCode, "ий") + " областной суд"), null,
                "COURT", seat, town, national.get("COURT"), true, 0.02, OFFICE_HOURS));
        o.put("PROPERTY", add("РУП «" + (city ? "Минское городское" : oblastAdjective(regionCode, "ое"))
                        + " агентство по государственной регистрации и земельному кадастру»", null, "PROPERTY_REGISTRY",
                seat, town, national.get("GKI"), true, 0.02, OFFICE_HOURS));
        o.put("ENV", add((city ? "Минский городской" : oblastAdjective(regionCode, "ий") + " областной")
                        + " комитет природных ресурсов и охраны окружающей среды", null, "ENVIRONMENT_INSPECTION", seat, town,
                national.get("MINPRIRODY"), true, 0.02, OFFICE_HOURS));
        o.put("VET", add((city ? "Минская городская" : oblastAdjective(regionCode, "ая") + " областная")
                + " ветеринарная станция", null, "VET_STATION", seat, town, national.get("VET"), true, 0.02, OFFICE_HOURS));
        o.put("INSURANCE", add("Филиал Белгосстраха по " + of, null, "INSURANCE_OFFICE", seat, town,
                national.get("BELGOSSTRAKH"), true, 0.02, OFFICE_HOURS));
        o.put("TRANSPORT", add("ОАО «" + transportName(regionCode) + "»", null, "BUS", seat, town,
                national.get("MINTRANS"), true, 0.02, "ежедневно 5:30–23:00"));
        o.put("CUSTOMS", add((city ? "Минская центральная" : oblastAdjective(regionCode, "ая")) + " таможня", null,
                "CUSTOMS_OFFICE", seat, town, national.get("GTK"), true, 0.02, OFFICE_HOURS));
        o.put("ARCHIVE", add("Государственный архив " + (city ? "г. Минска" : oblastAdjective(regionCode, "ой") + " области"),
                null, "ARCHIVE", seat, town, national.get("ARCHIVES"), true, 0.02, OFFICE_HOURS));
        o.put("PHARMACY", add("ТУП «Фармация» (" + town + ")", null, "PHARMACY", seat, town, national.get("FARMACIA"),
                true, 0.02, OFFICE_HOURS));
        o.put("FOREST", add("ГПЛХО (" + town + ")", null, "FORESTRY", seat, town, national.get("MINLESHOZ"), true, 0.02,
                OFFICE_HOURS));
        if (!city) {
            add(oblastAdjective(regionCode, "ий") + " государственный университет", null, "UNIVERSITY", seat, town,
                    national.get("MO"), true, 0.02, "пн–пт 8:30–17:30");
        }
        for (District district : districts) {
            district(district, city, committee, o);
        }
    }

    private void district(District d, boolean city, long oblastCommittee, Map<String, Long> o) {
        String adj = d.name().replace(" район", "");
        String gen = adjective(adj, "ого");
        String town = d.center();
        double spread = city ? 0.025 : 0.12;
        long committee = add(city ? "Администрация " + gen + " района г. Минска" : adj + " районный исполнительный комитет",
                city ? "Администрация " + gen + " района" : adj + " райисполком", city ? "CITY_ADMINISTRATION" : "EXECUTIVE_COMMITTEE",
                d, town, oblastCommittee, true, 0.01, OFFICE_HOURS);
        String committeeGen = city ? "администрации " + gen + " района г. Минска" : gen + " райисполкома";
        add("Служба «одно окно» " + committeeGen, "Одно окно (" + (city ? adj + " р-н" : town) + ")", "ONE_WINDOW_SERVICE",
                d, town, committee, false, 0.01, "пн–пт 8:00–20:00, сб 9:00–13:00");
        if (!city) {
            for (int i = 0; i < between(6, 10); i++) {
                String village = village();
                add(village + " сельский исполнительный комитет (" + adj + " район)", village + " сельисполком",
                        "VILLAGE_COUNCIL", d, "аг. " + village, committee, true, spread, OFFICE_HOURS);
            }
        }
        // Education
        long education = add("Управление по образованию " + committeeGen, null, "EDUCATION_AUTHORITY", d, town,
                o.get("EDUCATION"), true, 0.01, OFFICE_HOURS);
        for (int i = 0; i < between(city ? 18 : 10, city ? 26 : 16); i++) {
            String kind = random.nextInt(6) == 0 ? "Гимназия" : "Средняя школа";
            String number = "№" + next(city ? "MINSK-SCHOOL" : "SCHOOL-" + d.id());
            add("ГУО «" + kind + " " + number + (city ? " г. Минска»" : " " + gen + " района»"), kind + " " + number,
                    "SCHOOL", d, place(town, city), education, true, spread, "пн–сб 8:00–18:00");
        }
        for (int i = 0; i < between(city ? 22 : 8, city ? 32 : 13); i++) {
            String number = "№" + next(city ? "MINSK-KG" : "KG-" + d.id());
            add("ГУО «Ясли-сад " + number + (city ? " г. Минска»" : " " + gen + " района»"), "Ясли-сад " + number,
                    "KINDERGARTEN", d, place(town, city), education, true, spread, "пн–пт 7:00–19:00");
        }
        if (random.nextInt(3) == 0) {
            add("УО «" + adj + " государственный колледж»", null, "COLLEGE", d, town, o.get("EDUCATION"), true, 0.02,
                    "пн–пт 8:00–17:00");
        }
        // Health
        if (city) {
            for (int i = 0; i < between(3, 5); i++) {
                int n = next("MINSK-POLY");
                long poly = add("УЗ «" + n + "-я городская поликлиника» г. Минска", n + "-я поликлиника", "POLYCLINIC",
                        d, "Минск", o.get("HEALTH"), true, spread, "пн–пт 7:00–20:00, сб 9:00–15:00");
                add("Отделение медицинской реабилитации " + n + "-й городской поликлиники", null, "POLYCLINIC", d, "Минск",
                        poly, false, spread, "пн–пт 8:00–17:00");
            }
            add("УЗ «" + next("MINSK-HOSP") + "-я городская клиническая больница» г. Минска", null, "HOSPITAL", d, "Минск",
                    o.get("HEALTH"), true, spread, "круглосуточно");
        } else {
            String fem = adjective(adj, "ая");
            long crb = add("УЗ «" + fem + " центральная районная больница»", fem + " ЦРБ", "HOSPITAL", d, town,
                    o.get("HEALTH"), true, 0.02, "круглосуточно");
            add("Поликлиника УЗ «" + fem + " ЦРБ»", "Поликлиника (" + town + ")", "POLYCLINIC", d, town, crb, false, 0.02,
                    "пн–пт 7:00–20:00, сб 8:00–14:00");
            add("Детская поликлиника УЗ «" + fem + " ЦРБ»", null, "POLYCLINIC", d, town, crb, false, 0.02,
                    "пн–пт 7:30–19:00");
            for (int i = 0; i < between(5, 9); i++) {
                String village = village();
                boolean ambulatory = random.nextBoolean();
                add((ambulatory ? "Амбулатория общей практики аг. " : "Фельдшерско-акушерский пункт д. ") + village,
                        null, "AMBULATORY", d, (ambulatory ? "аг. " : "д. ") + village, crb, false, spread, "пн–пт 8:00–16:00");
            }
        }
        for (int i = 0; i < between(city ? 4 : 2, city ? 7 : 4); i++) {
            add("Аптека №" + next("PHARMACY-" + d.regionId()) + " (" + place(town, city) + ")", null, "PHARMACY", d,
                    place(town, city), o.get("PHARMACY"), false, spread, "ежедневно 8:00–21:00");
        }
        // Post, telecom, banks, railway
        long post = add((city ? adj + " район: " : adj + " районный ") + "узел почтовой связи", null,
                "POST_HUB", d, town, o.get("POST"), false, 0.01, OFFICE_HOURS);
        for (int i = 0; i < between(city ? 12 : 7, city ? 18 : 12); i++) {
            String place = place(town, city);
            // Minsk's offices are numbered across the city, their number in their postal code (Минск-5: 220005).
            int number = next(city ? "OPS-MINSK" : "OPS-" + d.id());
            add("Отделение почтовой связи " + (city ? "Минск-" : place.replace("аг. ", "").replace("д. ", "") + " ")
                    + number, null, "POST_OFFICE", d, place, post, false, spread, "пн–пт 8:00–19:00, сб 9:00–15:00",
                    city ? PostalCodes.minskOffice(number) : postalCodes.of(d, place, rows.size() + 1L));
        }
        long telecom = add((city ? "Сервисный центр РУП «Белтелеком», " + adj + " район" : adj + " районный узел электросвязи"),
                null, "TELECOM", d, town, o.get("TELECOM"), false, 0.01, "пн–пт 8:00–20:00, сб 9:00–16:00");
        if (!city) {
            add("Сервисный центр (" + town + ")", null, "TELECOM", d, town, telecom, false, 0.01, "пн–пт 8:00–19:00");
        }
        for (int i = 0; i < between(city ? 4 : 1, city ? 7 : 3); i++) {
            add("Центр банковских услуг №" + next("CBU-" + d.regionId()) + " ОАО «АСБ Беларусбанк» (" + town + ")", null,
                    "BANK_BRANCH", d, town, o.get("BANK"), false, 0.02, "пн–пт 9:00–19:00, сб 9:00–14:00");
        }
        add("ЦБУ №" + next("BAPB-" + d.regionId()) + " ОАО «Белагропромбанк» (" + town + ")", null, "BANK_BRANCH", d, town,
                o.get("BAPB"), false, 0.02, "пн–пт 9:00–18:00");
        if (!city && random.nextInt(3) > 0) {
            add("Железнодорожная станция " + town, null, "RAILWAY", d, town, o.get("RAIL"), false, 0.02,
                    "касса: ежедневно 6:00–22:00");
        }
        add("Автовокзал «" + town + "»", null, "BUS", d, city ? "Минск" : town, o.get("TRANSPORT"), false, 0.02,
                "ежедневно 5:30–22:00");
        // Police, justice, tax, pensions, courts
        long police = add(city ? adj + " районное управление внутренних дел г. Минска" : adj + " районный отдел внутренних дел",
                city ? adj + " РУВД" : adj + " РОВД", "POLICE_DEPT", d, town, o.get("MVD"), true, 0.01, "круглосуточно");
        add("Отдел по гражданству и миграции " + (city ? gen + " РУВД" : gen + " РОВД"), "ОГиМ (" + (city ? adj + " р-н" : town) + ")",
                "POLICE_DEPT", d, town, police, false, 0.01, "вт, чт 8:00–20:00; ср, пт 8:00–17:00; сб 9:00–13:00");
        add("Отделение ГАИ " + (city ? gen + " РУВД" : gen + " РОВД"), null, "TRAFFIC_POLICE", d, town, police, false, 0.02,
                "пн–пт 8:00–17:00");
        add("Инспекция МНС по " + adjective(adj, "ому") + " району" + (city ? " г. Минска" : ""), null, "TAX_INSPECTION", d,
                town, o.get("MNS"), true, 0.01, OFFICE_HOURS);
        add(adj + " районный отдел Фонда социальной защиты населения", null, "FSZN_OFFICE", d, town, o.get("FSZN"), false,
                0.01, OFFICE_HOURS);
        add("Отдел ЗАГС " + committeeGen, null, "REGISTRY_OFFICE", d, town, committee, false, 0.01,
                "вт–сб 9:00–18:00");
        add("Нотариальная контора " + gen + " района", null, "NOTARY_OFFICE", d, town, o.get("JUSTICE"), false, 0.01,
                "пн–пт 9:00–18:00");
        add("Суд " + gen + " района" + (city ? " г. Минска" : ""), null, "COURT", d, town, o.get("COURT"), true, 0.01,
                OFFICE_HOURS);
        add(adj + " филиал агентства по государственной регистрации и земельному кадастру", null, "PROPERTY_REGISTRY", d,
                town, o.get("PROPERTY"), false, 0.01, OFFICE_HOURS);
        // Housing and utilities, energy
        String neut = adjective(adj, "ое");
        long housing = add(city ? "КУП «ЖРЭО " + gen + " района г. Минска»" : "КУП «" + neut + " ЖКХ»",
                city ? "ЖРЭО " + adj + " р-на" : neut + " ЖКХ", "UTILITY", d, town, city ? committee : committee, true, 0.02,
                OFFICE_HOURS);
        for (int i = 0; i < between(city ? 6 : 2, city ? 10 : 4); i++) {
            add("ЖЭС №" + next("JES-" + d.id()) + (city ? " ЖРЭО " + gen + " района" : " КУП «" + neut + " ЖКХ»"), null,
                    "HOUSING_SERVICE", d, place(town, city), housing, false, spread, "пн–пт 8:00–17:00");
        }
        add(adj + " районное отделение филиала «Энергосбыт»", null, "ENERGY_SALES", d, town, o.get("ENERGY"), false, 0.01,
                OFFICE_HOURS);
        add(adj + " районная газовая служба", null, "GAS_SERVICE", d, town, o.get("GAS"), false, 0.01, "круглосуточно (104)");
        // Trade and catering
        long coop = city ? o.get("COOP") : add(adj + " районное потребительское общество", neut + " райпо", "COOP", d, town,
                o.get("COOP"), true, 0.01, OFFICE_HOURS);
        for (int i = 0; i < between(city ? 3 : 5, city ? 6 : 9); i++) {
            add("Магазин №" + next("SHOP-" + d.id()) + (city ? " (" + adj + " район)" : " " + gen + " райпо"), null, "SHOP", d,
                    place(town, city), coop, false, spread, "ежедневно 8:00–22:00");
        }
        for (int i = 0; i < between(1, 3); i++) {
            add("Кафе «" + CAFES[random.nextInt(CAFES.length)] + "» (" + (city ? "Минск, " + adj + " р-н" : town) + ")", null,
                    "CANTEEN", d, city ? "Минск" : town, coop, false, spread, "ежедневно 10:00–22:00");
        }
        if (!city || random.nextBoolean()) {
            add("Рынок «" + (city ? adj : town) + "»", null, "MARKET", d, city ? "Минск" : town, committee, true, 0.02,
                    "вт–вс 8:00–17:00");
        }
        // Social protection and employment
        long labour = add("Управление по труду, занятости и социальной защите " + committeeGen, null, "LABOUR_DEPT", d, town,
                committee, false, 0.01, OFFICE_HOURS);
        add("Территориальный центр социального обслуживания населения " + gen + " района", "ТЦСОН " + gen + " района",
                "SOCIAL_CENTER", d, town, labour, true, 0.02, OFFICE_HOURS);
        add("Служба занятости " + committeeGen, null, "EMPLOYMENT_CENTER", d, town, labour, false, 0.01, OFFICE_HOURS);
        if (!city && random.nextInt(3) == 0) {
            add(adjective(adj, "ий") + " дом-интернат для престарелых и инвалидов", null, "CARE_HOME", d, town, labour,
                    true, spread, "круглосуточно");
        }
        // Culture and sport
        long culture = add("Отдел идеологической работы, культуры и по делам молодёжи " + committeeGen, null,
                "CULTURE_AUTHORITY", d, town, o.get("CULTURE"), false, 0.01, OFFICE_HOURS);
        add(adjective(adj, "ая") + " центральная районная библиотека", null, "LIBRARY", d, town, culture, true, 0.02,
                "вт–сб 10:00–19:00");
        for (int i = 0; i < between(city ? 1 : 2, city ? 3 : 5); i++) {
            String place = place(town, city);
            add((city ? "Библиотека-филиал №" + next("LIB-" + d.id()) : "Сельская библиотека " + place), null, "LIBRARY", d,
                    place, culture, false, spread, "вт–сб 10:00–18:00");
        }
        add(city ? "Дом культуры " + gen + " района" : "Районный центр культуры (" + town + ")", null, "CULTURE_HOUSE", d,
                town, culture, true, 0.02, "вт–вс 10:00–21:00");
        if (!city) {
            for (int i = 0; i < between(1, 3); i++) {
                String village = village();
                add("Сельский дом культуры аг. " + village, null, "CULTURE_HOUSE", d, "аг. " + village, culture, false,
                        spread, "вт–вс 14:00–22:00");
            }
            add(adj + " районный краеведческий музей", null, "MUSEUM", d, town, culture, true, 0.02, "вт–вс 10:00–18:00");
        }
        add("ДЮСШ " + gen + " района" + (city ? " г. Минска" : ""), null, "SPORT_SCHOOL", d, town, committee, true, 0.02,
                "ежедневно 8:00–21:00");
        add("Физкультурно-оздоровительный центр «" + (city ? adj : town) + "»", null, "SPORT_FACILITY", d, town,
                committee, true, 0.02, "ежедневно 7:00–22:00");
        // Emergencies, environment, agriculture, veterinary, insurance, services, architecture, tourism
        add(adj + " районный отдел по чрезвычайным ситуациям", null, "FIRE_DEPT", d, town, o.get("MCHS"), false, 0.01,
                "круглосуточно");
        add(adjective(adj, "ая") + " районная инспекция природных ресурсов и охраны окружающей среды", null,
                "ENVIRONMENT_INSPECTION", d, town, o.get("ENV"), false, 0.01, OFFICE_HOURS);
        if (!city) {
            long agri = add("Управление сельского хозяйства и продовольствия " + committeeGen, null, "AGRI_AUTHORITY", d, town,
                    o.get("AGRI"), false, 0.01, OFFICE_HOURS);
            for (int i = 0; i < between(3, 7); i++) {
                String village = village();
                add("СПК «" + FARMS[random.nextInt(FARMS.length)] + "» (" + adj + " район, аг. " + village + ")", null,
                        "AGRI_COMPANY", d, "аг. " + village, agri, true, spread, OFFICE_HOURS);
            }
            add(adjective(adj, "ая") + " районная ветеринарная станция", null, "VET_STATION", d, town, o.get("VET"), true,
                    0.02, "пн–сб 8:00–17:00");
            if (random.nextInt(3) == 0) {
                add("ГЛХУ «" + adj + " лесхоз»", null, "FORESTRY", d, town, o.get("FOREST"), true, spread, OFFICE_HOURS);
            }
            add("Землеустроительная служба " + committeeGen, null, "LAND_SERVICE", d, town, committee, false, 0.01,
                    OFFICE_HOURS);
        }
        add("Агентство Белгосстраха по " + adjective(adj, "ому") + " району", null, "INSURANCE_OFFICE", d, town,
                o.get("INSURANCE"), false, 0.01, "пн–пт 9:00–18:00");
        long services = add("КУП «" + adj + " комбинат бытового обслуживания»", null, "CONSUMER_SERVICE_CENTER", d, town,
                committee, true, 0.02, "пн–сб 8:00–19:00");
        add("Баня (" + (city ? "Минск, " + adj + " р-н" : town) + ")", null, "BATHHOUSE", d, city ? "Минск" : town, services,
                false, 0.02, "чт–вс 10:00–21:00");
        add("Отдел архитектуры и строительства " + committeeGen, null, "ARCHITECTURE_DEPT", d, town, committee, false, 0.01,
                OFFICE_HOURS);
        if (random.nextInt(4) == 0) {
            add("Туристско-информационный центр «" + town + "»", null, "TOURIST_INFO", d, town, committee, false, 0.02,
                    "ежедневно 9:00–18:00");
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

    private static String oblastAdjective(String regionCode, String ending) {
        String masculine = switch (regionCode) {
            case "BREST" -> "Брестский";
            case "VITEBSK" -> "Витебский";
            case "GOMEL" -> "Гомельский";
            case "GRODNO" -> "Гродненский";
            case "MINSK_REGION" -> "Минский";
            case "MOGILEV" -> "Могилёвский";
            default -> "Минский";
        };
        return adjective(masculine, ending);
    }

    private static String regionCenter(String regionCode) {
        return switch (regionCode) {
            case "BREST" -> "Брест";
            case "VITEBSK" -> "Витебск";
            case "GOMEL" -> "Гомель";
            case "GRODNO" -> "Гродно";
            case "MOGILEV" -> "Могилёв";
            default -> "Заславль";
        };
    }

    private static String energyName(String regionCode) {
        return switch (regionCode) {
            case "BREST" -> "Брестэнерго";
            case "VITEBSK" -> "Витебскэнерго";
            case "GOMEL" -> "Гомельэнерго";
            case "GRODNO" -> "Гродноэнерго";
            case "MOGILEV" -> "Могилёвэнерго";
            default -> "Минскэнерго";
        };
    }

    private static String gasName(String regionCode) {
        return switch (regionCode) {
            case "BREST" -> "Брестоблгаз";
            case "VITEBSK" -> "Витебскоблгаз";
            case "GOMEL" -> "Гомельоблгаз";
            case "GRODNO" -> "Гроднооблгаз";
            case "MOGILEV" -> "Могилёвоблгаз";
            case "MINSK" -> "Мингаз";
            default -> "Минскоблгаз";
        };
    }

    private static String transportName(String regionCode) {
        return switch (regionCode) {
            case "BREST" -> "Брестоблавтотранс";
            case "VITEBSK" -> "Витебскоблавтотранс";
            case "GOMEL" -> "Гомельоблавтотранс";
            case "GRODNO" -> "Гроднооблавтотранс";
            case "MOGILEV" -> "Могилёвоблавтотранс";
            case "MINSK" -> "Минсктранс";
            default -> "Миноблавтотранс";
        };
    }
}
