package by.ocenka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnpTest {

    @Test
    void checkDigitDecidesValidity() {
        String firstEight = "10000000";
        int check = Unp.checkDigit(firstEight);
        // 1*29 = 29, 29 mod 11 = 7
        assertThat(check).isEqualTo(7);
        assertThat(Unp.isValid(firstEight + "7")).isTrue();
        assertThat(Unp.isValid(firstEight + "8")).isFalse();
        assertThat(Unp.isValid("12345")).isFalse();
        assertThat(Unp.isValid("1000000a7")).isFalse();
        assertThat(Unp.isValid(null)).isFalse();
    }
}
