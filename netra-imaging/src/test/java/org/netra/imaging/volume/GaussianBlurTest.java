package org.netra.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The separable blur against a direct 3-D convolution written here (the product of the three axes' Gaussians,
 * each sampled at voxel offsets to ±4σ and normalised, zero outside the grid), on a grid whose three sizes and
 * spacings all differ, so that an axis mixed up in the passes along y and z shows.
 */
class GaussianBlurTest {
    @Test
    void separableBlurEqualsTheDirectConvolutionOnAnAnisotropicGrid() {
        int nx = 9, ny = 6, nz = 7;
        double[] spacing = {2.0, 3.0, 2.5};
        double fwhm = 6;
        Geometry g = Geometry.of(nx, ny, nz, spacing, new double[3]);
        float[] in = new float[g.voxelCount()];
        Random random = new Random(7);
        for (int v = 0; v < in.length; v++) {
            in[v] = random.nextFloat() * 100;
        }
        float[] blurred = GaussianBlur.blur(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, in.clone()), fwhm)
                .voxels();
        assertDirectConvolution(g, spacing, fwhm, in, blurred);
        // and the blur of ones is the product of the axes' profiles (what the registration's smoothing divides by)
        float[] ones = new float[g.voxelCount()];
        java.util.Arrays.fill(ones, 1f);
        float[] blurredOnes = GaussianBlur.blur(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, ones), fwhm)
                .voxels();
        double[][] p = {
            GaussianBlur.onesProfile(g, fwhm, 0),
            GaussianBlur.onesProfile(g, fwhm, 1),
            GaussianBlur.onesProfile(g, fwhm, 2)
        };
        for (int v = 0; v < ones.length; v++) {
            assertThat((double) blurredOnes[v])
                    .isCloseTo(p[0][v % nx] * p[1][(v / nx) % ny] * p[2][v / (nx * ny)], within(1e-6));
        }
    }

    /**
     * More rows than one task blurs with one accumulator (so several tasks, each reusing its accumulator row after
     * row), every third x-row zero (the rows the passes skip): still the direct convolution; and blurring over a
     * volume its caller gives up ({@link GaussianBlur#blurConsuming}) gives the same floats as blurring a copy.
     */
    @Test
    void reusedAccumulatorsAndABlurOverItsInputGiveTheSameVolume() {
        int nx = 11, ny = 13, nz = 12;
        double[] spacing = {2.0, 2.5, 3.0};
        double fwhm = 5;
        Geometry g = Geometry.of(nx, ny, nz, spacing, new double[3]);
        float[] in = new float[g.voxelCount()];
        Random random = new Random(11);
        for (int v = 0; v < in.length; v++) {
            in[v] = (v / nx) % 3 == 0 ? 0 : random.nextFloat() * 100;
        }
        float[] blurred = GaussianBlur.blur(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, in), fwhm)
                .voxels();
        assertDirectConvolution(g, spacing, fwhm, in, blurred);
        float[] given = in.clone();
        float[] over = GaussianBlur.blurConsuming(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, given), fwhm)
                .voxels();
        assertThat(over).containsExactly(blurred);
        assertThat(over).isNotSameAs(given);
    }

    /**
     * The passes add only the terms within each x-row's non-zero span, a whole row at a time: the same floats, bit
     * for bit, as the plain separable blur written here (each voxel's sum in double, by ascending index along the
     * axis, every term within the grid, rounded to float after each pass). On sparse volumes (empty rows, rows
     * non-zero in one short run, single voxels at the grid's ends, −0, negative values), on a dense one, and with
     * kernels wider than the grid along an axis.
     */
    @Test
    void spansAndRowwisePassesGiveThePlainSeparableBlurBitForBit() {
        Random random = new Random(23);
        int[][] sizes = {{17, 9, 11}, {40, 33, 29}, {3, 5, 70}, {1, 12, 8}};
        double[][] spacings = {{2.0, 2.5, 3.0}, {2.2, 2.2, 2.2}, {4.0, 1.0, 2.0}, {2.0, 2.0, 2.0}};
        for (int c = 0; c < sizes.length; c++) {
            int nx = sizes[c][0], ny = sizes[c][1], nz = sizes[c][2];
            Geometry g = Geometry.of(nx, ny, nz, spacings[c], new double[3]);
            for (int density = 0; density < 3; density++) {
                float[] in = new float[g.voxelCount()];
                for (int row = 0; row < ny * nz; row++) {
                    int kind = density == 2 ? 3 : random.nextInt(4);
                    int a = random.nextInt(nx), b = a + random.nextInt(nx - a) + 1;
                    for (int x = 0; x < nx; x++) {
                        in[row * nx + x] = switch (kind) {
                            case 0 -> 0f; // an empty row
                            case 1 -> x >= a && x < b ? 1f : 0f; // an indicator's run
                            case 2 -> x == 0 || x == nx - 1 ? random.nextFloat() - 0.5f : -0f; // ends only, −0 between
                            default -> random.nextFloat() * 1000 - 100;
                        };
                    }
                }
                for (double fwhm : new double[] {3, 11, 40}) {
                    float[] expected = plainSeparableBlur(g, in, fwhm);
                    float[] blurred = GaussianBlur.blur(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, in), fwhm)
                            .voxels();
                    assertThat(blurred)
                            .as("%d×%d×%d, density %d, FWHM %s", nx, ny, nz, density, fwhm)
                            .containsExactly(expected);
                }
            }
        }
    }

    /**
     * The blur at every stride-th voxel only ({@link GaussianBlur#sampled}, a registration's blurred samples): the
     * whole blur's floats at those voxels, bit for bit, on grids whose sizes are not multiples of the stride, sparse
     * and dense, and with no blur at all.
     */
    @Test
    void sampledBlurIsTheWholeBlurAtTheSamples() {
        Random random = new Random(31);
        Geometry g = Geometry.of(23, 17, 14, new double[] {2.0, 2.5, 3.0}, new double[3]);
        for (int dense = 0; dense < 2; dense++) {
            float[] in = new float[g.voxelCount()];
            for (int v = 0; v < in.length; v++) {
                in[v] = dense == 1 || (v / g.nx()) % 3 == 0 ? random.nextFloat() * 100 - 10 : 0f;
            }
            for (double fwhm : new double[] {0, 5, 30}) {
                float[] whole = GaussianBlur.blur(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, in), fwhm)
                        .voxels();
                for (int stride : new int[] {1, 2, 3, 8}) {
                    float[] sampled =
                            GaussianBlur.sampled(ImageVolume.wrap(g, VoxelUnit.DIMENSIONLESS, in), fwhm, stride);
                    int c = 0;
                    for (int k = 0; k < g.nz(); k += stride) {
                        for (int j = 0; j < g.ny(); j += stride) {
                            for (int i = 0; i < g.nx(); i += stride, c++) {
                                assertThat(sampled[c])
                                        .as("stride %d, FWHM %s at (%d, %d, %d)", stride, fwhm, i, j, k)
                                        .isEqualTo(whole[g.index(i, j, k)]);
                            }
                        }
                    }
                    assertThat(sampled).hasSize(c);
                }
            }
        }
    }

    /** Each axis in turn, voxel by voxel: the sum over the kernel's taps within the grid, in order, in double. */
    private static float[] plainSeparableBlur(Geometry g, float[] in, double fwhm) {
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] step = {1, g.nx(), g.nx() * g.ny()};
        float[] a = in.clone();
        for (int axis = 0; axis < 3; axis++) {
            double[] k = sampledGaussian(fwhm, g.spacing(axis));
            int r = k.length / 2;
            float[] b = new float[a.length];
            for (int v = 0; v < a.length; v++) {
                int i = v / step[axis] % n[axis];
                double s = 0;
                for (int j = Math.max(0, i - r); j <= Math.min(n[axis] - 1, i + r); j++) {
                    s += k[j - i + r] * a[v + (j - i) * step[axis]];
                }
                b[v] = (float) s;
            }
            a = b;
        }
        return a;
    }

    private static void assertDirectConvolution(
            Geometry g, double[] spacing, double fwhm, float[] in, float[] blurred) {
        int nx = g.nx(), ny = g.ny(), nz = g.nz();
        double[][] k = new double[3][];
        for (int a = 0; a < 3; a++) {
            k[a] = sampledGaussian(fwhm, spacing[a]);
        }
        int rx = k[0].length / 2, ry = k[1].length / 2, rz = k[2].length / 2;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double s = 0;
                    for (int dz = -rz; dz <= rz; dz++) {
                        for (int dy = -ry; dy <= ry; dy++) {
                            for (int dx = -rx; dx <= rx; dx++) {
                                int xx = x + dx, yy = y + dy, zz = z + dz;
                                if (xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz) {
                                    s += k[0][dx + rx] * k[1][dy + ry] * k[2][dz + rz] * in[xx + nx * (yy + ny * zz)];
                                }
                            }
                        }
                    }
                    assertThat((double) blurred[x + nx * (y + ny * z)]).isCloseTo(s, within(1e-3));
                }
            }
        }
    }

    /** The 1-D kernel as the class documents it: a Gaussian sampled at whole voxels to ±4σ, normalised to 1. */
    private static double[] sampledGaussian(double fwhm, double spacing) {
        double sigma = fwhm / (2 * Math.sqrt(2 * Math.log(2))) / spacing;
        int r = Math.max(1, (int) Math.ceil(4 * sigma));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }
}
