package by.ocenka.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import by.ocenka.OcenkaApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module structure as drawn in docs/ARCHITECTURE.md: every top-level package under {@code by.ocenka} is a Spring
 * Modulith module whose public API is its root package; a reach into another module's internals or a cycle between
 * modules fails {@link #modulesKeepToTheirApis()}. The diagrams in {@code docs/modules/} are the ones generated here:
 * after a change of structure, run {@code ./mvnw test -Dtest=ModulesTest -Dmodules.update=true} and commit them.
 */
class ModulesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(OcenkaApplication.class);
    private static final Path DOCS = Path.of("docs", "modules");

    @Test
    void modulesKeepToTheirApis() {
        MODULES.verify();
    }

    @Test
    void theModuleDiagramsInDocsAreTheCurrentOnes() throws IOException {
        Path generated = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        List<Path> diagrams;
        try (Stream<Path> files = Files.list(generated)) {
            diagrams = files.filter(f -> f.toString().endsWith(".puml")).sorted().toList();
        }
        assertThat(diagrams).isNotEmpty();
        if (Boolean.getBoolean("modules.update")) {
            Files.createDirectories(DOCS);
            for (Path diagram : diagrams) {
                Files.copy(diagram, DOCS.resolve(diagram.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Path diagram : diagrams) {
            Path committed = DOCS.resolve(diagram.getFileName());
            assertThat(committed).as("%s is missing: regenerate with -Dmodules.update=true", committed).exists();
            // The generator writes the same lines in varying order: compare them as sets.
            assertThat(Files.readAllLines(committed)).as("%s differs from the code's structure: regenerate with "
                    + "-Dmodules.update=true", committed).containsExactlyInAnyOrderElementsOf(Files.readAllLines(diagram));
        }
    }
}
