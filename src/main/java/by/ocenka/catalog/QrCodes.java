package by.ocenka.catalog;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * QR codes of rating pages, drawn from ZXing's module matrix: error correction M (a code still scans with
 * some of it smudged or covered by a sticker's edge) and the standard quiet zone of four modules.
 */
public final class QrCodes {

    static final int QUIET_ZONE = 4;
    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 2048;

    static {
        // No temporary files from ImageIO: the image is written to memory.
        ImageIO.setUseCache(false);
    }

    private QrCodes() {
    }

    public static ByteMatrix modules(String text) {
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode " + text, e);
        }
    }

    /**
     * A scalable SVG: one path of the dark modules in module units, the quiet zone inside the view box, and
     * {@code size} pixels as its nominal width and height. Crisp at any print size.
     */
    public static byte[] svg(String text, int size) {
        ByteMatrix m = modules(text);
        int side = m.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (m.get(x, y) == 1) {
                    int run = 1;
                    while (x + run < m.getWidth() && m.get(x + run, y) == 1) {
                        run++;
                    }
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                            .append('h').append(run).append("v1h-").append(run).append('z');
                    x += run;
                } else {
                    x++;
                }
            }
        }
        String svg = """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="%1$d" viewBox="0 0 %2$d %2$d" \
                shape-rendering="crispEdges" role="img"><title>%3$s</title>\
                <rect width="%2$d" height="%2$d" fill="#fff"/><path fill="#000" d="%4$s"/></svg>
                """.formatted(size, side, escape(text), path);
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A PNG of exactly {@code size} pixels: whole pixels per module (a blurred module edge hurts cheap cameras),
     * the code centred, the rest of the margin white. CPU and ImageIO work: call it off the event loop.
     */
    public static byte[] png(String text, int size) {
        ByteMatrix m = modules(text);
        int side = m.getWidth() + 2 * QUIET_ZONE;
        int scale = Math.max(1, size / side);
        int offset = (size - m.getWidth() * scale) / 2;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        var g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setColor(Color.BLACK);
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y) == 1) {
                        g.fillRect(offset + x * scale, offset + y * scale, scale, scale);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
