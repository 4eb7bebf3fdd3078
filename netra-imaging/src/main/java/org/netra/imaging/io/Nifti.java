package org.netra.imaging.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.netra.imaging.volume.Geometry;
import org.netra.imaging.volume.ImageVolume;
import org.netra.imaging.volume.LabelMap;
import org.netra.imaging.volume.VoxelUnit;

/**
 * NIfTI-1 single files (.nii, .nii.gz; Cox et al., the NIfTI-1 data format, 2004). NIfTI world
 * coordinates are RAS+; netra's are DICOM LPS, so x and y change sign both ways. Reading takes the
 * sform when its code is set, else the qform (quaternion, qfac), else the voxel sizes alone; data
 * types uint8, int8, int16, uint16, int32, uint32, float32, float64, scaled by scl_slope/scl_inter.
 * Writing sets both sform and qform (code 1, scanner-based) from the geometry.
 */
public final class Nifti {
    static final int HEADER = 348;
    static final int VOX_OFFSET = 352;
    private static final long MAX_VOXELS = Integer.MAX_VALUE - 8;
    /** The whole file is read into one array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** What was read: values as floats (after scaling), the geometry, and the stored data type code. */
    public record Image(Geometry geometry, float[] values, int datatype) {}

    private Nifti() {}

    /** Reads a 3-D image; {@code unit} says what its values are (NIfTI does not). */
    public static ImageVolume readVolume(Path file, VoxelUnit unit) throws IOException {
        Image image = read(file);
        return ImageVolume.wrap(image.geometry(), unit, image.values());
    }

    /** Reads a label map: whole values 0…255, each non-zero value a region called "label N". */
    public static LabelMap readLabels(Path file) throws IOException {
        Image image = read(file);
        float[] v = image.values();
        byte[] labels = new byte[v.length];
        Map<Integer, String> names = new TreeMap<>();
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (x != Math.rint(x) || x < 0 || x > 255) {
                throw new NiftiException(
                        file.toString(),
                        "data",
                        "voxel " + i + " holds " + x + ", not a label 0…255; pass a label map, not an image");
            }
            int label = (int) x;
            labels[i] = (byte) label;
            if (label > 0) {
                names.putIfAbsent(label, "label " + label);
            }
        }
        return LabelMap.wrap(image.geometry(), labels, names);
    }

    /**
     * Reads only as many bytes as the header says the image needs, so a small .nii.gz that inflates to
     * gigabytes (or a header claiming more than the file holds) is refused, not held in memory.
     */
    public static Image read(Path file) throws IOException {
        String src = file.toString();
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = src.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] head = in.readNBytes(VOX_OFFSET);
            if (head.length < HEADER) {
                return parse(head, src); // throws: shorter than a header
            }
            long end = header(head, src).end();
            if (end > MAX_BYTES) {
                throw new NiftiException(
                        src, "dim", "the image needs " + end + " bytes, more than netra reads at once");
            }
            byte[] rest = end > head.length ? in.readNBytes((int) end - head.length) : new byte[0];
            bytes = new byte[head.length + rest.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(rest, 0, bytes, head.length, rest.length);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new NiftiException(
                    src, "gzip", "the compressed file is damaged or truncated (" + e.getMessage() + ")");
        }
        return parse(bytes, src);
    }

    /** What the header says about the data: dimensions, type, where it starts and ends. */
    private record Header(ByteBuffer buffer, int[] dim, int datatype, int width, long voxels, long offset) {
        long end() {
            return offset + voxels * width;
        }
    }

    static Image parse(byte[] bytes, String src) throws NiftiException {
        Header h = header(bytes, src);
        ByteBuffer b = h.buffer();
        long n = h.voxels();
        int width = h.width();
        int datatype = h.datatype();
        long offset = h.offset();
        // refuse an image larger than its data before allocating for it
        if (offset > bytes.length || n * width > bytes.length - offset) {
            throw new NiftiException(
                    src,
                    "vox_offset",
                    "the data (" + n + " voxels of " + width + " bytes from " + offset + ") run past the end of the "
                            + bytes.length + "-byte file: truncated?");
        }
        float slope = b.getFloat(112);
        float inter = b.getFloat(116);
        boolean scaled = slope != 0 && Float.isFinite(slope) && !(slope == 1 && inter == 0);
        float[] values = new float[(int) n];
        int o = (int) offset;
        for (int i = 0; i < values.length; i++) {
            double v =
                    switch (datatype) {
                        case 2 -> bytes[o + i] & 0xff;
                        case 256 -> bytes[o + i];
                        case 4 -> b.getShort(o + 2 * i);
                        case 512 -> b.getShort(o + 2 * i) & 0xffff;
                        case 8 -> b.getInt(o + 4 * i);
                        case 768 -> b.getInt(o + 4 * i) & 0xffffffffL;
                        case 16 -> b.getFloat(o + 4 * i);
                        default -> b.getDouble(o + 8 * i);
                    };
            values[i] = (float) (scaled ? v * slope + inter : v);
        }
        return new Image(geometry(b, h.dim(), src), values, datatype);
    }

    private static Header header(byte[] bytes, String src) throws NiftiException {
        if (bytes.length < HEADER) {
            throw new NiftiException(src, "sizeof_hdr", "the file has " + bytes.length + " bytes, less than a header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != HEADER) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != HEADER) {
                throw new NiftiException(src, "sizeof_hdr", "is not 348 in either byte order: not a NIfTI-1 file");
            }
        }
        String magic = new String(bytes, 344, 3, StandardCharsets.ISO_8859_1);
        if (!magic.equals("n+1")) {
            throw new NiftiException(
                    src, "magic", "is '" + magic + "', not 'n+1' (a single .nii file); convert .hdr/.img pairs first");
        }
        int rank = b.getShort(40);
        int[] dim = new int[8];
        for (int d = 1; d < 8; d++) {
            dim[d] = d <= rank ? b.getShort(40 + 2 * d) : 1;
        }
        if (rank < 2 || rank > 7) {
            throw new NiftiException(src, "dim[0]", "is " + rank + ", not 2…7");
        }
        for (int d = 4; d <= rank; d++) {
            if (dim[d] != 1) {
                throw new NiftiException(
                        src, "dim[" + d + "]", "is " + dim[d] + ": a 4-D or larger image; split it into 3-D volumes");
            }
        }
        if (dim[1] < 1 || dim[2] < 1 || dim[3] < 1) {
            throw new NiftiException(src, "dim", "has a non-positive size " + dim[1] + "×" + dim[2] + "×" + dim[3]);
        }
        long n = (long) dim[1] * dim[2] * dim[3];
        if (n > MAX_VOXELS) {
            throw new NiftiException(src, "dim", n + " voxels do not fit one Java array");
        }
        int datatype = b.getShort(70);
        int width =
                switch (datatype) {
                    case 2, 256 -> 1;
                    case 4, 512 -> 2;
                    case 8, 768, 16 -> 4;
                    case 64 -> 8;
                    default ->
                        throw new NiftiException(
                                src,
                                "datatype",
                                "code " + datatype
                                        + " is not one netra reads (uint8, int8, int16, uint16, int32, uint32,"
                                        + " float32, float64)");
                };
        float voxOffset = b.getFloat(108);
        // NaN or below the header: the default offset; a huge or infinite one is refused by the callers
        long offset = voxOffset >= HEADER ? (long) voxOffset : VOX_OFFSET;
        return new Header(b, dim, datatype, width, n, offset);
    }

    /** Voxel → RAS affine (3×4, row-major) from sform, qform or pixdim, then turned into LPS geometry. */
    private static Geometry geometry(ByteBuffer b, int[] dim, String src) throws NiftiException {
        double[] pixdim = new double[8];
        for (int d = 0; d < 8; d++) {
            pixdim[d] = b.getFloat(76 + 4 * d);
        }
        int qformCode = b.getShort(252);
        int sformCode = b.getShort(254);
        double[] m = new double[12];
        if (sformCode > 0) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    m[r * 4 + c] = b.getFloat(280 + 16 * r + 4 * c);
                }
            }
        } else if (qformCode > 0) {
            double qb = b.getFloat(256);
            double qc = b.getFloat(260);
            double qd = b.getFloat(264);
            double qa = Math.sqrt(Math.max(0, 1 - (qb * qb + qc * qc + qd * qd)));
            double[] r = {
                qa * qa + qb * qb - qc * qc - qd * qd,
                2 * (qb * qc - qa * qd),
                2 * (qb * qd + qa * qc),
                2 * (qb * qc + qa * qd),
                qa * qa + qc * qc - qb * qb - qd * qd,
                2 * (qc * qd - qa * qb),
                2 * (qb * qd - qa * qc),
                2 * (qc * qd + qa * qb),
                qa * qa + qd * qd - qc * qc - qb * qb
            };
            double qfac = pixdim[0] < 0 ? -1 : 1;
            double[] s = {pixdim[1], pixdim[2], pixdim[3] * qfac};
            for (int row = 0; row < 3; row++) {
                for (int c = 0; c < 3; c++) {
                    m[row * 4 + c] = r[row * 3 + c] * s[c];
                }
            }
            m[3] = b.getFloat(268);
            m[7] = b.getFloat(272);
            m[11] = b.getFloat(276);
        } else {
            m[0] = pixdim[1];
            m[5] = pixdim[2];
            m[10] = pixdim[3];
        }
        double[] spacing = new double[3];
        double[] direction = new double[9];
        for (int c = 0; c < 3; c++) {
            double len = Math.sqrt(m[c] * m[c] + m[4 + c] * m[4 + c] + m[8 + c] * m[8 + c]);
            if (!(len > 0)) {
                throw new NiftiException(src, "srow/pixdim", "axis " + c + " has zero length: no voxel size");
            }
            spacing[c] = len;
            // RAS → LPS: negate x and y rows
            direction[c] = -m[c] / len;
            direction[3 + c] = -m[4 + c] / len;
            direction[6 + c] = m[8 + c] / len;
        }
        double[] origin = {-m[3], -m[7], m[11]};
        try {
            return Geometry.of(dim[1], dim[2], dim[3], spacing, origin, direction);
        } catch (IllegalArgumentException e) {
            throw new NiftiException(src, sformCode > 0 ? "srow_x/y/z" : "quatern", e.getMessage());
        }
    }

    /** Writes a volume as float32. */
    public static void write(Path file, ImageVolume volume) throws IOException {
        float[] v = volume.voxels();
        ByteBuffer data = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(v);
        write(file, volume.geometry(), 16, 32, data.array());
    }

    /** Writes a label map as uint8. */
    public static void write(Path file, LabelMap labels) throws IOException {
        write(file, labels.geometry(), 2, 8, labels.labels());
    }

    private static void write(Path file, Geometry g, int datatype, int bitpix, byte[] data) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER);
        h.putShort(40, (short) 3);
        int[] dims = {g.nx(), g.ny(), g.nz()};
        for (int d = 0; d < 3; d++) {
            if (dims[d] > Short.MAX_VALUE) {
                throw new IllegalArgumentException("NIfTI-1 holds at most 32767 voxels per axis, got " + dims[d]);
            }
            h.putShort(42 + 2 * d, (short) dims[d]);
        }
        for (int d = 4; d <= 8; d++) {
            h.putShort(40 + 2 * d, (short) 1);
        }
        h.putShort(70, (short) datatype);
        h.putShort(72, (short) bitpix);
        // LPS direction → RAS affine
        double[] m = new double[12];
        for (int c = 0; c < 3; c++) {
            m[c] = -g.direction(0, c) * g.spacing(c);
            m[4 + c] = -g.direction(1, c) * g.spacing(c);
            m[8 + c] = g.direction(2, c) * g.spacing(c);
        }
        m[3] = -g.origin(0);
        m[7] = -g.origin(1);
        m[11] = g.origin(2);
        double[] r = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 3; c++) {
                r[row * 3 + c] = m[row * 4 + c] / g.spacing(c);
            }
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7])
                - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        double qfac = det < 0 ? -1 : 1;
        if (qfac < 0) {
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        h.putFloat(76, (float) qfac);
        for (int d = 0; d < 3; d++) {
            h.putFloat(80 + 4 * d, (float) g.spacing(d));
        }
        h.putFloat(108, VOX_OFFSET);
        h.putFloat(112, 1f);
        h.putFloat(116, 0f);
        h.put(123, (byte) 2); // xyzt_units: mm
        byte[] descrip = "netra".getBytes(StandardCharsets.US_ASCII);
        h.put(148, descrip, 0, descrip.length);
        h.putShort(252, (short) 1);
        h.putShort(254, (short) 1);
        double[] q = quaternion(r);
        h.putFloat(256, (float) q[1]);
        h.putFloat(260, (float) q[2]);
        h.putFloat(264, (float) q[3]);
        h.putFloat(268, (float) m[3]);
        h.putFloat(272, (float) m[7]);
        h.putFloat(276, (float) m[11]);
        for (int i = 0; i < 12; i++) {
            h.putFloat(280 + 4 * i, (float) m[i]);
        }
        h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(VOX_OFFSET + data.length);
        bytes.write(h.array());
        bytes.write(data);
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)
                : Files.newOutputStream(file)) {
            bytes.writeTo(out);
        }
    }

    /** The unit quaternion (a, b, c, d), a ≥ 0, of a proper rotation (NIfTI-1's nifti_mat44_to_quatern). */
    static double[] quaternion(double[] r) {
        double a = r[0] + r[4] + r[8] + 1;
        double qb;
        double qc;
        double qd;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            qb = 0.25 * (r[7] - r[5]) / a;
            qc = 0.25 * (r[2] - r[6]) / a;
            qd = 0.25 * (r[3] - r[1]) / a;
        } else {
            double xd = 1 + r[0] - (r[4] + r[8]);
            double yd = 1 + r[4] - (r[0] + r[8]);
            double zd = 1 + r[8] - (r[0] + r[4]);
            if (xd > 1) {
                qb = 0.5 * Math.sqrt(xd);
                qc = 0.25 * (r[1] + r[3]) / qb;
                qd = 0.25 * (r[2] + r[6]) / qb;
                a = 0.25 * (r[7] - r[5]) / qb;
            } else if (yd > 1) {
                qc = 0.5 * Math.sqrt(yd);
                qb = 0.25 * (r[1] + r[3]) / qc;
                qd = 0.25 * (r[5] + r[7]) / qc;
                a = 0.25 * (r[2] - r[6]) / qc;
            } else {
                qd = 0.5 * Math.sqrt(zd);
                qb = 0.25 * (r[2] + r[6]) / qd;
                qc = 0.25 * (r[5] + r[7]) / qd;
                a = 0.25 * (r[3] - r[1]) / qd;
            }
            if (a < 0) {
                a = -a;
                qb = -qb;
                qc = -qc;
                qd = -qd;
            }
        }
        return new double[] {a, qb, qc, qd};
    }
}
