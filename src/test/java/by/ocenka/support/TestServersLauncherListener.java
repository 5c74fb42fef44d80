package by.ocenka.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Picks the test servers once per JVM, before JUnit discovers the first test class. */
public class TestServersLauncherListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestServers.configure();
    }
}
