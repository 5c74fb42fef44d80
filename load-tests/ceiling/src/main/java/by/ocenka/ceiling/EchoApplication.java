package by.ocenka.ceiling;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What the stack itself serves: a JSON body read and written back, nothing else. */
@SpringBootApplication
@RestController
public class EchoApplication {

    @PostMapping("/echo")
    Mono<Map<String, Object>> echo(@RequestBody Mono<Map<String, Object>> body) {
        return body;
    }

    public static void main(String[] args) {
        SpringApplication.run(EchoApplication.class, args);
    }
}
