package by.ocenka.moderation.pages;

import java.util.List;

import by.ocenka.rating.Rankings;
import by.ocenka.web.PageController;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

/**
 * The portal's information pages, beside the support form they point to: questions and answers for citizens
 * ({@code /help}), the instructions for organisations ({@code /help/organizations}) and what the portal is, on what
 * legal basis and whom to contact ({@code /about}; contacts from {@code ocenka.portal.*}).
 */
@PageController
class HelpPages {

    /** The questions of /help, each {@code help.q.<key>} and {@code help.a.<key>} in the bundles. */
    static final List<String> QUESTIONS = List.of("purpose", "score", "find", "missing", "rate", "once", "appeal",
            "account", "replies", "data");

    /** The sections of /help/organizations, each {@code help.org.title.<key>} and {@code help.org.text.<key>}. */
    static final List<String> ORGANIZATION_TOPICS = List.of("access", "details", "posters", "replies", "figures",
            "criteria");

    private final Rankings rankings;

    HelpPages(Rankings rankings) {
        this.rankings = rankings;
    }

    @GetMapping("/help")
    Rendering help() {
        return Rendering.view("moderation/help").modelAttribute("questions", QUESTIONS)
                .modelAttribute("minForRank", rankings.minForRank()).build();
    }

    @GetMapping("/help/organizations")
    Rendering organizations() {
        return Rendering.view("moderation/help-organizations").modelAttribute("topics", ORGANIZATION_TOPICS).build();
    }

    @GetMapping("/about")
    Rendering about() {
        return Rendering.view("moderation/about").build();
    }
}
