package by.ocenka.catalog.demo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's district table: its templates, and every line of the shipped file filled for Minsk and for a region. */
class DistrictTableTest {

    private static Map<String, Object> district(boolean city) {
        Map<String, Object> values = new HashMap<>();
        values.put("city", city);
        values.put("adj", city ? "Центральный" : "Пинский");
        values.put("town", city ? "Минск" : "Пинск");
        values.put("district", 7);
        values.put("region", 1);
        return values;
    }

    @Test
    void templatesChooseInflectAndUseDefinitions() {
        DistrictTable table = DistrictTable.parse("""
                =of	{city?администрации {adj:ого} района г. Минска|{adj:ого} райисполкома}
                all	1	-	-	X	Отдел ЗАГС {of}	-	{town}	oblast	no	0.01	office
                """);
        assertThat(table.fill("Отдел ЗАГС {of}", district(false))).isEqualTo("Отдел ЗАГС Пинского райисполкома");
        assertThat(table.fill("Отдел ЗАГС {of}", district(true)))
                .isEqualTo("Отдел ЗАГС администрации Центрального района г. Минска");
        assertThat(table.fill("{adj:ая} ЦРБ, {adj:ому} району", district(false))).isEqualTo("Пинская ЦРБ, Пинскому району");
        assertThat(table.fill("Рынок «{city?{adj}|{town}}»{city? г. Минска|}", district(false))).isEqualTo("Рынок «Пинск»");
        assertThatThrownBy(() -> table.fill("{nothing}", district(false))).hasMessageContaining("nothing named nothing");
        assertThatThrownBy(() -> table.fill("{town", district(false))).hasMessageContaining("never closed");
    }

    @Test
    void everyLineOfTheShippedTableReadsAndFills() {
        DistrictTable table = DistrictTable.load();
        assertThat(table.lines()).hasSizeGreaterThan(60);
        for (boolean city : new boolean[] {true, false}) {
            for (DistrictTable.Line line : table.lines()) {
                assertThat(line.where()).isIn("all", "city", "district");
                assertThat(line.count()).matches("\\+|(1|coin|\\d+:\\d+|\\d+-\\d+)(/(1|coin|\\d+:\\d+|\\d+-\\d+))?");
                Map<String, Object> values = district(city);
                // Every draw's name stands for something a template may use.
                line.draws().forEach(draw -> values.put(draw.name(), draw.kind().equals("coin") || draw.kind().equals("one-in")
                        ? Boolean.TRUE : "1"));
                values.put("n", 1);
                if (line.madeIn(city)) {
                    assertThat(table.fill(line.name(), values)).doesNotContain("{", "}");
                    assertThat(table.fill(line.place(), values)).isNotBlank();
                }
            }
        }
    }
}
