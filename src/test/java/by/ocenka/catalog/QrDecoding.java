package by.ocenka.catalog;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reads QR codes back the way a phone's scanner does: ZXing's reader over the pixels. */
public final class QrDecoding {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern PATH = Pattern.compile(" d=\"([^\"]*)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");

    private QrDecoding() {
    }

    public static String decode(BufferedImage original) throws Exception {
        // Whatever the source's pixel layout (a rendered PDF page, a PNG), read it as plain RGB.
        // With a white margin, so that an image cut exactly at the code's edge still has its quiet zone.
        int margin = 32;
        BufferedImage image = new BufferedImage(original.getWidth() + 2 * margin, original.getHeight() + 2 * margin,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D canvas = image.createGraphics();
        canvas.setColor(Color.WHITE);
        canvas.fillRect(0, 0, image.getWidth(), image.getHeight());
        canvas.drawImage(original, margin, margin, null);
        canvas.dispose();
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE, DecodeHintType.TRY_HARDER, Boolean.TRUE,
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE))).getText();
    }

    /** Rasterises the SVG's path of module runs at 8 pixels per module, then decodes it. */
    public static String decodeSvg(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        Matcher path = PATH.matcher(svg);
        if (!box.find() || !path.find()) {
            throw new IllegalArgumentException("Not a QR code SVG: " + svg);
        }
        int scale = 8;
        int side = Integer.parseInt(box.group(1)) * scale;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(Color.BLACK);
        Matcher run = RUN.matcher(path.group(1));
        while (run.find()) {
            g.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
                    Integer.parseInt(run.group(3)) * scale, scale);
        }
        g.dispose();
        return decode(image);
    }
}
