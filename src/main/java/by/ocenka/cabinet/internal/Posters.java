package by.ocenka.cabinet.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import by.ocenka.catalog.QrCodes;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Printable posters for the desk: the call to rate, the organisation's name, its QR code (the rating form's address)
 * and that address in words, in the poster's language. A4 PDF (OpenPDF, with DejaVu Sans embedded for Cyrillic), one
 * page per organisation so that a body can print its units' posters in one go, or an SVG to place in a layout.
 * Blocking work (fonts, PDF writing): callers run it off the event loops.
 */
@Component
class Posters {

    /** One poster's content. */
    record Poster(String name, String rateUrl) {
    }

    private final MessageSource messages;
    private final byte[] regular;
    private final byte[] bold;

    Posters(MessageSource messages) {
        this.messages = messages;
        this.regular = font("fonts/DejaVuSans.ttf");
        this.bold = font("fonts/DejaVuSans-Bold.ttf");
    }

    private static byte[] font(String path) {
        try (InputStream in = Posters.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing font " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] pdf(List<Poster> posters, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf(posters, locale, out);
        return out.toByteArray();
    }

    /** The posters, one a page, written to {@code out} as they are made (a set of hundreds is spooled, not kept). */
    void pdf(List<Poster> posters, Locale locale, OutputStream out) {
        try {
            BaseFont regularFont = BaseFont.createFont("DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    regular, null);
            BaseFont boldFont = BaseFont.createFont("DejaVuSans-Bold.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    bold, null);
            Document document = new Document(PageSize.A4, 56, 56, 64, 56);
            PdfWriter.getInstance(document, out);
            document.open();
            for (int i = 0; i < posters.size(); i++) {
                Poster poster = posters.get(i);
                if (i > 0) {
                    document.newPage();
                }
                document.add(centred(text("poster.call", locale), new Font(boldFont, 30), 18));
                document.add(centred(poster.name(), new Font(boldFont, 18), 24));
                Image qr = Image.getInstance(QrCodes.png(poster.rateUrl(), 1024));
                qr.scaleAbsolute(340, 340);
                qr.setAlignment(Element.ALIGN_CENTER);
                document.add(qr);
                document.add(centred(text("poster.scan", locale), new Font(regularFont, 16), 12));
                document.add(centred(poster.rateUrl(), new Font(regularFont, 12), 24));
                document.add(centred(text("poster.footer", locale), new Font(regularFont, 11), 0));
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] svg(Poster poster, Locale locale) {
        String qr = new String(QrCodes.svg(poster.rateUrl(), 420), StandardCharsets.UTF_8);
        // The QR code's own <svg> placed inside the poster's, below the call and the name.
        String inner = qr.substring(qr.indexOf("<svg"));
        inner = inner.replaceFirst("<svg", "<svg x=\"87\" y=\"200\"");
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 595 842">
                <rect width="595" height="842" fill="#fff"/>
                <text x="297.5" y="110" font-family="DejaVu Sans, Arial, sans-serif" font-size="30" font-weight="bold" text-anchor="middle">%s</text>
                <text x="297.5" y="160" font-family="DejaVu Sans, Arial, sans-serif" font-size="16" font-weight="bold" text-anchor="middle">%s</text>
                %s
                <text x="297.5" y="660" font-family="DejaVu Sans, Arial, sans-serif" font-size="16" text-anchor="middle">%s</text>
                <text x="297.5" y="690" font-family="DejaVu Sans, Arial, sans-serif" font-size="12" text-anchor="middle">%s</text>
                <text x="297.5" y="780" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" text-anchor="middle">%s</text>
                </svg>
                """).formatted(escape(text("poster.call", locale)), escape(poster.name()), inner,
                escape(text("poster.scan", locale)), escape(poster.rateUrl()), escape(text("poster.footer", locale)))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Paragraph centred(String text, Font font, float spacingAfter) {
        Paragraph paragraph = new Paragraph(text, font);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        paragraph.setSpacingAfter(spacingAfter);
        return paragraph;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
