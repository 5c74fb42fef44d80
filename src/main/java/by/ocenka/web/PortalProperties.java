package by.ocenka.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who runs this portal and where a citizen turns for what the portal is not, shown on its pages (the footer, /about,
 * /help). Neutral defaults: what is not set is not shown. docs/OPERATIONS.md gives the values a Belarusian deployment
 * sets.
 *
 * @param operator     who runs the portal and answers for its technical side
 * @param supportEmail the support's address (the form "write to support" works without it)
 * @param supportPhone the support's telephone
 * @param appealsUrl   where an appeal under the Law of 18 July 2011 "Об обращениях граждан и юридических лиц" is
 *                     filed electronically (a review on the portal is not such an appeal)
 */
@ConfigurationProperties("ocenka.portal")
public record PortalProperties(String operator, String supportEmail, String supportPhone, String appealsUrl) {

    public PortalProperties {
        operator = blankToNull(operator);
        supportEmail = blankToNull(supportEmail);
        supportPhone = blankToNull(supportPhone);
        appealsUrl = appealsUrl == null || appealsUrl.isBlank() ? "https://xn--80abnmycp7evc.xn--90ais/" : appealsUrl;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
