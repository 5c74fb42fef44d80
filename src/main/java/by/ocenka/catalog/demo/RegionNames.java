package by.ocenka.catalog.demo;

/** The names the demo gives a region's bodies: the oblast's adjective, its centre, its energy, gas and bus companies. */
final class RegionNames {

    private RegionNames() {
    }

    /** The oblast's adjective in a case or gender ({@link CatalogGenerator#adjective}): "Брестского", "Брестская"... */
    static String oblastAdjective(String regionCode, String ending) {
        String masculine = switch (regionCode) {
            case "BREST" -> "Брестский";
            case "VITEBSK" -> "Витебский";
            case "GOMEL" -> "Гомельский";
            case "GRODNO" -> "Гродненский";
            case "MINSK_REGION" -> "Минский";
            case "MOGILEV" -> "Могилёвский";
            default -> "Минский";
        };
        return CatalogGenerator.adjective(masculine, ending);
    }

    static String regionCenter(String regionCode) {
        return switch (regionCode) {
            case "BREST" -> "Брест";
            case "VITEBSK" -> "Витебск";
            case "GOMEL" -> "Гомель";
            case "GRODNO" -> "Гродно";
            case "MOGILEV" -> "Могилёв";
            default -> "Заславль";
        };
    }

    static String energyName(String regionCode) {
        return switch (regionCode) {
            case "BREST" -> "Брестэнерго";
            case "VITEBSK" -> "Витебскэнерго";
            case "GOMEL" -> "Гомельэнерго";
            case "GRODNO" -> "Гродноэнерго";
            case "MOGILEV" -> "Могилёвэнерго";
            default -> "Минскэнерго";
        };
    }

    static String gasName(String regionCode) {
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

    static String transportName(String regionCode) {
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
