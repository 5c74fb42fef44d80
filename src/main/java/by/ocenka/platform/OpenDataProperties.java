package by.ocenka.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param directory where the open data files are written (each instance writes its own; they are the same data)
 */
@ConfigurationProperties("ocenka.open-data")
public record OpenDataProperties(String directory) {

    public OpenDataProperties {
        directory = directory == null || directory.isBlank()
                ? System.getProperty("java.io.tmpdir") + "/ocenka-open-data" : directory;
    }
}
