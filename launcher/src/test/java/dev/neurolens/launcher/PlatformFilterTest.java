package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformFilterTest {
    private static final String LINUX_X64 = "(&(osgi.os=linux)(osgi.arch=x86_64))";

    @Test
    void equinoxSpellingOfTheJvmsPlatform() {
        assertEquals(Map.of("osgi.os", "linux", "osgi.arch", "x86_64"), PlatformFilter.environment("Linux", "amd64"));
        assertEquals(Map.of("osgi.os", "macosx", "osgi.arch", "aarch64"),
                PlatformFilter.environment("Mac OS X", "aarch64"));
        assertEquals(Map.of("osgi.os", "win32", "osgi.arch", "x86_64"),
                PlatformFilter.environment("Windows 11", "amd64"));
    }

    @Test
    void onlyTheMatchingNativeFragmentFits() {
        Map<String, String> linux = PlatformFilter.environment("Linux", "amd64");
        assertTrue(PlatformFilter.fits(LINUX_X64, linux));
        assertFalse(PlatformFilter.fits("(&(osgi.os=linux)(osgi.arch=aarch64))", linux));
        assertFalse(PlatformFilter.fits("(&(osgi.os=win32)(osgi.arch=x86_64))", linux));
        assertFalse(PlatformFilter.fits(LINUX_X64, PlatformFilter.environment("Mac OS X", "x86_64")));
        assertTrue(PlatformFilter.fits(null, linux), "no header: fits everywhere");
        assertFalse(PlatformFilter.fits("(osgi.os=linux", linux), "malformed: fits nowhere");
    }
}
