package by.ocenka.platform.embedded;

import java.nio.file.Path;

/** Another process runs the embedded servers on the same data directory. */
public class DataDirectoryInUseException extends IllegalStateException {

    private final Path dataDir;

    public DataDirectoryInUseException(Path dataDir) {
        super("Another Ocenka instance is already running on the data directory " + dataDir);
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
