package by.ocenka.web;

import by.ocenka.platform.OpenDataDumps;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

/** The open data page: the files, the data dictionary and the licence. */
@Controller
class OpenDataPages {

    private final OpenDataDumps dumps;

    OpenDataPages(OpenDataDumps dumps) {
        this.dumps = dumps;
    }

    @GetMapping("/open-data")
    Rendering page() {
        java.util.Map<String, java.util.List<OpenDataDumps.Dump>> files = new java.util.HashMap<>();
        dumps.dumps().forEach(d -> files.computeIfAbsent(d.name(), k -> new java.util.ArrayList<>()).add(d));
        return Rendering.view("open-data").modelAttribute("sets", dumps.sets()).modelAttribute("files", files).build();
    }
}
