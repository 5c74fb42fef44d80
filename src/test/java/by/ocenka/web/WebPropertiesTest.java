package by.ocenka.web;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept pages' memory when none is set follows the heap. */
class WebPropertiesTest {

    @Test
    void aQuarterOfTheHeapFrom64MegabytesTo1Gigabyte() {
        assertThat(WebProperties.fromHeap(DataSize.ofGigabytes(1).toBytes())).isEqualTo(DataSize.ofMegabytes(256));
        assertThat(WebProperties.fromHeap(DataSize.ofGigabytes(2).toBytes())).isEqualTo(DataSize.ofMegabytes(512));
        assertThat(WebProperties.fromHeap(DataSize.ofMegabytes(128).toBytes())).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(WebProperties.fromHeap(DataSize.ofGigabytes(6).toBytes())).isEqualTo(DataSize.ofGigabytes(1));
        assertThat(WebProperties.fromHeap(DataSize.ofGigabytes(16).toBytes())).isEqualTo(DataSize.ofGigabytes(1));
    }

    @Test
    void aSetSizeIsKept() {
        assertThat(new WebProperties(null, null, DataSize.ofMegabytes(300), null, null).publicCacheSize()).isEqualTo(DataSize.ofMegabytes(300));
        assertThat(new WebProperties(null, null, null, null, null).publicCacheSize())
                .isEqualTo(WebProperties.fromHeap(Runtime.getRuntime().maxMemory()));
    }

    @Test
    void aThousandOfTheBusiestOrganisationsAreWarmedUnlessSaidOtherwise() {
        assertThat(new WebProperties(null, null, null, null, null).warmOrganizations()).isEqualTo(1000);
        assertThat(new WebProperties(null, null, null, 0, null).warmOrganizations()).isZero();
        assertThat(new WebProperties(null, null, null, -5, null).warmOrganizations()).isZero();
    }
}
