package by.ocenka.moderation;

import by.ocenka.support.IntegrationTest;
import by.ocenka.support.PageSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The information pages: questions and answers, the instructions for organisations, and the portal's legal basis and
 * contacts (only those configured).
 */
class HelpPagesTest extends IntegrationTest {

    @Test
    void theInformationPagesInEachLanguageAndFromEveryFooter() {
        PageSession visitor = new PageSession(web);
        PageSession.Page help = visitor.get("/help");
        assertThat(help.status().value()).isEqualTo(200);
        assertThat(help.body()).contains("Вопросы и ответы", "Сколько раз можно оценить одну организацию?",
                "не является обращением по Закону от 18 июля 2011 года", "href=\"/help/organizations\"");
        assertThat(visitor.get("/help/organizations").body()).contains("Как получить доступ к кабинету", "УНП",
                "стандарт обслуживания, а не срок по Закону");
        PageSession.Page about = visitor.get("/about");
        assertThat(about.body()).contains("Директива Президента Республики Беларусь от 27 декабря 2006 г. № 2",
                "Указа от 13 июня 2023 г. № 172", "от 12 декабря 2019 г. № 19", "href=\"/feedback\"")
                // Nothing of ocenka.portal.* is set in the tests: no operator, address or telephone is made up.
                .doesNotContain("Оператор портала", "mailto:", "Телефон поддержки");
        assertThat(visitor.get("/about?lang=be").body()).contains("Пра партал", "Прававыя асновы");
        assertThat(visitor.get("/help?lang=en").body()).contains("Questions and answers", "How often may I rate");
        assertThat(visitor.get("/").body()).contains("href=\"/help\"", "href=\"/about\"");
    }
}
