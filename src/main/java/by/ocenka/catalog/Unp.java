package by.ocenka.catalog;

/**
 * The taxpayer number (УНП) of a Belarusian legal entity: nine digits, the last a check digit over the first eight
 * with the weights 29, 23, 19, 17, 13, 7, 5, 3 (modulo 11; a remainder of 10 is never issued).
 */
public final class Unp {

    private static final int[] WEIGHTS = {29, 23, 19, 17, 13, 7, 5, 3};

    private Unp() {
    }

    public static boolean isValid(String unp) {
        if (unp == null || !unp.matches("[0-9]{9}")) {
            return false;
        }
        int check = checkDigit(unp.substring(0, 8));
        return check < 10 && check == unp.charAt(8) - '0';
    }

    /** The check digit for eight leading digits, or 10 when no valid number starts with them. */
    public static int checkDigit(String firstEight) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (firstEight.charAt(i) - '0') * WEIGHTS[i];
        }
        return sum % 11;
    }
}
