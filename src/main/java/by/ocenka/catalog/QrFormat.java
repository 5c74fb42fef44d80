package by.ocenka.catalog;

/** The image formats of an organisation's QR code. */
public enum QrFormat { PNG, SVG }
