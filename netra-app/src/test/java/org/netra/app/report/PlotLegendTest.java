package org.netra.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A legend entry longer than the plot is wide (the urinary bladder's model is a sentence) wraps onto further rows
 * instead of running off the image: read from the rendered pixels, not from the layout code.
 */
class PlotLegendTest {
    private static final String BLADDER =
            "Bladder (urinary bladder: as measured from the first scan on: before it (4 h,"
                    + " unmeasured) the middle of a linear filling from an empty bladder and of all present from injection)";

    /** Dark (text) pixels in the image's right-most {@code columns} columns, above the plot area's top third. */
    private static int darkAtTheRightEdge(BufferedImage img, int columns) {
        int dark = 0;
        for (int x = img.getWidth() - columns; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight() / 3; y++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 3 * 160) {
                    dark++;
                }
            }
        }
        return dark;
    }

    @Test
    void aLegendEntryWiderThanThePlotWrapsInsteadOfBeingCut() throws Exception {
        var plot = new Plot("Time–activity curves", "time after administration (h)", "activity (MBq)")
                .add(new Plot.Series(
                        "Kidney_L (mono-exponential fit)",
                        Plot.Style.MARKERS,
                        Plot.PALETTE[0],
                        new double[] {4, 24, 96},
                        new double[] {30, 25, 10}))
                .add(new Plot.Series(
                        BLADDER, Plot.Style.MARKERS, Plot.PALETTE[1], new double[] {4, 24, 96}, new double[] {60, 20, 5
                        }));
        BufferedImage img = plot.render(900, 500);
        Path file = Path.of("target", "reports", "plot-long-legend.png");
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        assertThat(darkAtTheRightEdge(img, 4))
                .as("text pixels at the right edge, see " + file)
                .isZero();
        // and the long entry took more than one row: the plot area starts lower than with the short entry alone
        var shortOnly = new Plot("Time–activity curves", "time after administration (h)", "activity (MBq)")
                .add(new Plot.Series(
                        "Kidney_L (mono-exponential fit)",
                        Plot.Style.MARKERS,
                        Plot.PALETTE[0],
                        new double[] {4, 24, 96},
                        new double[] {30, 25, 10}));
        var fm = img.createGraphics()
                .getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 18));
        assertThat(plot.legend(fm, 60, 900, 500 / 300f).getLast().lines()).hasSizeGreaterThan(1);
        assertThat(shortOnly.legend(fm, 60, 900, 500 / 300f).getLast().lines()).hasSize(1);
    }
}
