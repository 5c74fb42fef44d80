package by.ocenka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ocenka: the public-service quality rating portal. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OcenkaApplication {

    public static void main(String[] args) {
        SpringApplication.run(OcenkaApplication.class, args);
    }
}
