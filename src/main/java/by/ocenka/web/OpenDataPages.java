package by.ocenka.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import by.ocenka.platform.OpenDataDumps;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

/** The open data page: the files, the data dictionary and the licence. */
@PageController
class OpenDataPages {

    private final OpenDataDumps dumps;

    OpenDataPages(OpenDataDumps dumps) {
        this.dumps = dumps;
    }

    @GetMapping("/open-data")
    Rendering page() {
        Map<String, List<OpenDataDumps.Dump>> files = new HashMap<>();
        dumps.dumps().forEach(d -> files.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d));
        return Rendering.view("open-data").modelAttribute("sets", dumps.sets()).modelAttribute("files", files).build();
    }
}
