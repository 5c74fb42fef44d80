package by.ocenka.platform.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The whole HTTP API, published at {@code /v3/api-docs} with Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI ocenkaOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Ocenka API")
                .version("v1")
                .description("Public-service quality ratings: catalogue, ratings, rankings, live events. "
                        + "Errors are RFC 9457 problem details.")
                .license(new License().name("Open data: CC BY 4.0")));
    }
}
